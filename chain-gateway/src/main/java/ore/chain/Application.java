package ore.chain;

import io.micronaut.runtime.Micronaut;

public class Application {

    public static void main(String[] args) {
        // jOOQ prints a logo and a "tip of the day" into the JSON log otherwise.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        Micronaut.build(args).banner(false).start();
    }
}
