package ore.inference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One inference call's inputs, the outputs wanted and optionally its own deadline. The model is the
 * client's (see {@link TritonClient}).
 *
 * <p>A request whose inputs all have a leading dimension of 1 is a <em>single item</em>: the client
 * may send it together with other concurrent single items as one batched call (see
 * {@link TritonClientOptions.Batching}); the caller still receives only its own row.
 *
 * @param outputs empty for "every output the model has"
 * @param timeout empty for the client's configured inference timeout
 */
public record InferRequest(List<Tensor> inputs, List<String> outputs, Optional<String> id,
                           Optional<Duration> timeout) {

    public InferRequest {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("an inference request needs at least one input");
        }
        Set<String> names = new HashSet<>();
        for (Tensor input : inputs) {
            if (!names.add(input.name())) {
                throw new IllegalArgumentException("input " + input.name() + " is given twice");
            }
        }
        if (new HashSet<>(outputs).size() != outputs.size()) {
            throw new IllegalArgumentException("an output is requested twice: " + outputs);
        }
        timeout.ifPresent(t -> {
            if (t.isNegative() || t.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + t);
            }
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether every input has rank ≥ 1 and a leading dimension of exactly 1. */
    public boolean isSingleItem() {
        for (Tensor input : inputs) {
            if (input.rank() == 0 || input.dim(0) != 1) {
                return false;
            }
        }
        return true;
    }

    public static final class Builder {
        private final List<Tensor> inputs = new ArrayList<>();
        private final List<String> outputs = new ArrayList<>();
        private String id;
        private Duration timeout;

        public Builder input(Tensor input) {
            inputs.add(input);
            return this;
        }

        /** Ask for this output only (call once per output); without any, the model returns all. */
        public Builder output(String name) {
            outputs.add(name);
            return this;
        }

        /** An id echoed by the server, for correlating logs. Requests with an id are never batched. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** Deadline for this call instead of the configured one. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public InferRequest build() {
            return new InferRequest(inputs, outputs, Optional.ofNullable(id), Optional.ofNullable(timeout));
        }
    }
}
