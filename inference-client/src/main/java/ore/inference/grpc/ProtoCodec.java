package ore.inference.grpc;

import com.google.protobuf.ByteString;
import ore.inference.DataType;
import ore.inference.InferRequest;
import ore.inference.InferResult;
import ore.inference.InferenceException;
import ore.inference.ModelConfiguration;
import ore.inference.ModelMetadata;
import ore.inference.ServerMetadata;
import ore.inference.Tensor;
import ore.inference.TensorSpec;
import ore.inference.grpc.proto.InferTensorContents;
import ore.inference.grpc.proto.ModelConfig;
import ore.inference.grpc.proto.ModelInferRequest;
import ore.inference.grpc.proto.ModelInferResponse;
import ore.inference.grpc.proto.ModelMetadataResponse;
import ore.inference.grpc.proto.ServerMetadataResponse;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Converts between the client's types and the generated KServe messages. Requests always travel in
 * the raw form ({@code raw_input_contents}), as Triton's own clients send them and as FP16 requires;
 * responses are read in either form, because other KServe servers answer with typed contents.
 */
final class ProtoCodec {

    private ProtoCodec() {
    }

    static ModelInferRequest encode(InferRequest request, String model, String version) {
        ModelInferRequest.Builder proto = ModelInferRequest.newBuilder()
                .setModelName(model)
                .setModelVersion(version);
        request.id().ifPresent(proto::setId);
        for (Tensor input : request.inputs()) {
            ModelInferRequest.InferInputTensor.Builder tensor = proto.addInputsBuilder()
                    .setName(input.name())
                    .setDatatype(input.type().wireName());
            for (long dim : input.shape()) {
                tensor.addShape(dim);
            }
            proto.addRawInputContents(ByteString.copyFrom(input.rawBuffer()));
        }
        for (String output : request.outputs()) {
            proto.addOutputsBuilder().setName(output);
        }
        return proto.build();
    }

    /**
     * @param required outputs the caller needs; their absence, or an unreadable type, is an error.
     *                 Other outputs of a type the client does not handle are skipped.
     * @throws InferenceException {@code MALFORMED_RESPONSE}, naming the output and what was wrong
     */
    static InferResult decode(ModelInferResponse response, Collection<String> required) {
        int count = response.getOutputsCount();
        int rawCount = response.getRawOutputContentsCount();
        if (rawCount > 0 && rawCount != count) {
            throw malformed("the response has " + count + " outputs but " + rawCount + " raw output buffers");
        }
        List<Tensor> outputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ModelInferResponse.InferOutputTensor output = response.getOutputs(i);
            Optional<DataType> type = DataType.fromWireName(output.getDatatype());
            if (type.isEmpty()) {
                if (required.contains(output.getName())) {
                    throw malformed("output " + output.getName() + " has datatype '" + output.getDatatype()
                            + "', which this client does not read");
                }
                continue;
            }
            long[] shape = output.getShapeList().stream().mapToLong(Long::longValue).toArray();
            try {
                outputs.add(rawCount > 0
                        ? Tensor.ofRaw(output.getName(), type.get(), shape, response.getRawOutputContents(i).asReadOnlyByteBuffer())
                        : fromContents(output.getName(), type.get(), shape, output.getContents()));
            } catch (IllegalArgumentException e) {
                throw malformed("output " + output.getName() + " is malformed: " + e.getMessage());
            }
        }
        InferResult result = InferResult.of(response.getModelName(), response.getModelVersion(), response.getId(), outputs);
        for (String name : required) {
            if (!result.outputs().containsKey(name)) {
                throw malformed("the response lacks output " + name + " (got " + result.outputs().keySet() + ")");
            }
        }
        return result;
    }

    static ModelMetadata metadata(ModelMetadataResponse response) {
        List<String> unsupported = new ArrayList<>();
        return new ModelMetadata(response.getName(), response.getVersionsList(), response.getPlatform(),
                specs(response.getInputsList(), unsupported), specs(response.getOutputsList(), unsupported),
                unsupported);
    }

    static ModelConfiguration configuration(ModelConfig config) {
        boolean dynamic = config.hasDynamicBatching();
        return new ModelConfiguration(config.getName(), config.getPlatform(), config.getBackend(),
                config.getMaxBatchSize(), dynamic,
                dynamic ? config.getDynamicBatching().getPreferredBatchSizeList() : List.of(),
                dynamic ? config.getDynamicBatching().getMaxQueueDelayMicroseconds() : 0);
    }

    static ServerMetadata server(ServerMetadataResponse response) {
        return new ServerMetadata(response.getName(), response.getVersion(), response.getExtensionsList());
    }

    private static List<TensorSpec> specs(List<ModelMetadataResponse.TensorMetadata> tensors, List<String> unsupported) {
        List<TensorSpec> specs = new ArrayList<>(tensors.size());
        for (ModelMetadataResponse.TensorMetadata tensor : tensors) {
            Optional<DataType> type = DataType.fromWireName(tensor.getDatatype());
            if (type.isPresent()) {
                specs.add(new TensorSpec(tensor.getName(), type.get(), tensor.getShapeList()));
            } else {
                unsupported.add(tensor.getName() + " " + tensor.getDatatype());
            }
        }
        return specs;
    }

    private static Tensor fromContents(String name, DataType type, long[] shape, InferTensorContents contents) {
        return switch (type) {
            case FP32 -> {
                float[] values = new float[contents.getFp32ContentsCount()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = contents.getFp32Contents(i);
                }
                yield Tensor.fp32(name, values, shape);
            }
            case INT64 -> Tensor.int64(name, contents.getInt64ContentsList().stream().mapToLong(Long::longValue).toArray(), shape);
            case INT32 -> Tensor.int32(name, contents.getIntContentsList().stream().mapToInt(Integer::intValue).toArray(), shape);
            case BOOL -> {
                boolean[] values = new boolean[contents.getBoolContentsCount()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = contents.getBoolContents(i);
                }
                yield Tensor.bool(name, values, shape);
            }
            case BYTES -> Tensor.bytes(name, contents.getBytesContentsList().stream().map(ByteString::toByteArray).toList(), shape);
            case FP16 -> throw new IllegalArgumentException("FP16 has no typed form and must come in raw_output_contents");
        };
    }

    private static InferenceException malformed(String message) {
        return new InferenceException(InferenceException.Reason.MALFORMED_RESPONSE, message);
    }
}
