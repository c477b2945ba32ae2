package ore.inference.grpc;

import io.grpc.Status;
import ore.inference.InferenceException;
import ore.inference.InferenceException.Reason;

/** Translates gRPC statuses into {@link InferenceException}s, so no transport type reaches callers. */
final class GrpcFailures {

    private GrpcFailures() {
    }

    /**
     * @param call what was being done, for the message (e.g. {@code "ModelInfer anticheat"})
     */
    static InferenceException from(Throwable failure, String call, String target) {
        if (failure instanceof InferenceException known) {
            return known;
        }
        Status status = Status.fromThrowable(failure);
        Reason reason = switch (status.getCode()) {
            // CANCELLED comes from a channel shutting down under the call: the server is gone for us.
            case UNAVAILABLE, CANCELLED -> Reason.UNAVAILABLE;
            case DEADLINE_EXCEEDED -> Reason.DEADLINE_EXCEEDED;
            case INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION, OUT_OF_RANGE, UNIMPLEMENTED,
                 ALREADY_EXISTS, PERMISSION_DENIED, UNAUTHENTICATED -> Reason.REJECTED;
            default -> Reason.SERVER_ERROR;
        };
        String description = status.getDescription() == null ? "" : ": " + status.getDescription();
        return new InferenceException(reason, call + " at " + target + " failed with "
                + status.getCode() + description);
    }
}
