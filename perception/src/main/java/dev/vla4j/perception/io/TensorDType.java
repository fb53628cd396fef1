package dev.vla4j.perception.io;

import java.util.Arrays;

/** The dtypes of the safetensors format with their sizes; {@link #loadable} ones become DJL tensors. */
public enum TensorDType {
    BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1), I16(2), U16(2), F16(2), BF16(2),
    I32(4), U32(4), F32(4), I64(8), U64(8), F64(8);

    private final int bytes;

    TensorDType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    /** F32, F16 and BF16 load as float32 (BF16/F16 converted in Java, never as a DJL bf16 tensor); I64 as int64. */
    public boolean loadable() {
        return this == F32 || this == F16 || this == BF16 || this == I64;
    }

    public boolean floating() {
        return this == F32 || this == F16 || this == BF16;
    }

    /** Parses a header dtype string, or returns null when it is not a safetensors dtype. */
    static TensorDType parse(String name) {
        return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst().orElse(null);
    }
}
