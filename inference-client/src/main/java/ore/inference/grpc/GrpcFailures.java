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
    /**
     * A failed ModelInfer of a model that was verified: NOT_FOUND then means Triton has unloaded it
     * (or is still loading it after a restart), i.e. the server cannot serve right now. It counts
     * against the server in the breaker like UNAVAILABLE, so a dead model opens the breaker instead of
     * being asked again on every fix. (Before verification, NOT_FOUND is a configuration error:
     * REJECTED, see {@link #from}.)
     */
    static InferenceException fromInfer(Throwable failure, String call, String target) {
        if (!(failure instanceof InferenceException) && Status.fromThrowable(failure).getCode() == Status.Code.NOT_FOUND) {
            Status status = Status.fromThrowable(failure);
            String description = status.getDescription() == null ? "" : ": " + status.getDescription();
            return new InferenceException(Reason.UNAVAILABLE, call + " at " + target + " failed with NOT_FOUND"
                    + description + " (model not loaded)");
        }
        return from(failure, call, target);
    }

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
