#!/usr/bin/env python3
"""Makes the JPEG-LS test fixtures with CharLS (libcharls.so.2, Debian package libcharls2), an independent
encoder/decoder, through ctypes. Run from the repository root:

    python3 mammo-dicom/src/test/python/make_jpegls_fixtures.py

For each case it writes <name>.jls (the codestream) and <name>.raw (the samples CharLS decodes from it, pixel
interleaved, uint16 little-endian), and lists the case in fixtures.tsv. Restart-marker streams are assembled
from bands that CharLS encodes separately: T.87 restarts every band with fresh statistics and no line above,
so the joined stream decodes to the joined bands.
"""
import ctypes
import random
import struct
from pathlib import Path

OUT = Path("mammo-dicom/src/test/resources/org/mammoembed/dicom/codec/jpegls")
lib = ctypes.CDLL("libcharls.so.2")
lib.charls_jpegls_encoder_create.restype = ctypes.c_void_p
lib.charls_jpegls_decoder_create.restype = ctypes.c_void_p


class FrameInfo(ctypes.Structure):
    _fields_ = [("width", ctypes.c_uint32), ("height", ctypes.c_uint32),
                ("bits_per_sample", ctypes.c_int32), ("component_count", ctypes.c_int32)]


class PcParameters(ctypes.Structure):
    _fields_ = [("maximum_sample_value", ctypes.c_int32), ("threshold1", ctypes.c_int32),
                ("threshold2", ctypes.c_int32), ("threshold3", ctypes.c_int32), ("reset_value", ctypes.c_int32)]


def check(rc, what):
    if rc != 0:
        raise RuntimeError(f"CharLS {what} failed with {rc}")


def image(width, height, components, maxval, seed):
    """Pixel-interleaved samples: smooth ramps, noise and flat patches, so both regular and run mode occur."""
    rnd = random.Random(seed)
    samples = []
    for y in range(height):
        for x in range(width):
            flat = (x // 7 + y // 5) % 3 == 0
            for c in range(components):
                if flat:
                    v = (maxval * (c + 1)) // 4
                else:
                    v = (x * maxval) // max(1, width - 1) // 2 + (y * maxval) // max(1, height - 1) // 3
                    v += rnd.randint(-maxval // 16 - 1, maxval // 16 + 1) + c * 3
                samples.append(min(maxval, max(0, v)))
    return samples


def pack(samples, bits, width, height, components, ilv):
    """CharLS's source layout: planar for interleave mode none, pixel-interleaved otherwise."""
    if ilv == 0 and components > 1:
        samples = [samples[i * components + c] for c in range(components) for i in range(width * height)]
    fmt = "B" if bits <= 8 else "H"
    return struct.pack("<%d%s" % (len(samples), fmt), *samples)


def unpack(data, bits, width, height, components, ilv):
    fmt = "B" if bits <= 8 else "H"
    values = list(struct.unpack("<%d%s" % (len(data) // struct.calcsize(fmt), fmt), data))
    if ilv == 0 and components > 1:
        plane = width * height
        values = [values[c * plane + i] for i in range(plane) for c in range(components)]
    return values


def encode(samples, width, height, components, bits, near, ilv, preset=None, transform=0):
    enc = ctypes.c_void_p(lib.charls_jpegls_encoder_create())
    try:
        check(lib.charls_jpegls_encoder_set_frame_info(enc, ctypes.byref(FrameInfo(width, height, bits, components))),
              "frame info")
        check(lib.charls_jpegls_encoder_set_near_lossless(enc, near), "near")
        check(lib.charls_jpegls_encoder_set_interleave_mode(enc, ilv), "interleave")
        if preset:
            check(lib.charls_jpegls_encoder_set_preset_coding_parameters(enc, ctypes.byref(PcParameters(*preset))),
                  "preset")
        if transform:
            check(lib.charls_jpegls_encoder_set_color_transformation(enc, transform), "colour transform")
        size = width * height * components * 4 + 1024
        dest = ctypes.create_string_buffer(size)
        check(lib.charls_jpegls_encoder_set_destination_buffer(enc, dest, ctypes.c_size_t(size)), "destination")
        src = pack(samples, bits, width, height, components, ilv)
        check(lib.charls_jpegls_encoder_encode_from_buffer(enc, src, ctypes.c_size_t(len(src)), 0), "encode")
        written = ctypes.c_size_t()
        check(lib.charls_jpegls_encoder_get_bytes_written(enc, ctypes.byref(written)), "bytes written")
        return dest.raw[:written.value]
    finally:
        lib.charls_jpegls_encoder_destroy(enc)


def decode(stream, width, height, components, bits, ilv):
    dec = ctypes.c_void_p(lib.charls_jpegls_decoder_create())
    try:
        check(lib.charls_jpegls_decoder_set_source_buffer(dec, stream, ctypes.c_size_t(len(stream))), "source")
        check(lib.charls_jpegls_decoder_read_header(dec), "read header")
        size = width * height * components * (1 if bits <= 8 else 2)
        dest = ctypes.create_string_buffer(size)
        check(lib.charls_jpegls_decoder_decode_to_buffer(dec, dest, ctypes.c_size_t(size), 0), "decode")
        return unpack(dest.raw, bits, width, height, components, ilv)
    finally:
        lib.charls_jpegls_decoder_destroy(dec)


def split_scan(stream):
    """(headers up to and including the SOS segment, entropy-coded data up to EOI)."""
    pos = 2
    while True:
        marker = stream[pos + 1]
        length = stream[pos + 2] << 8 | stream[pos + 3]
        pos += 2 + length
        if marker == 0xDA:
            break
    assert stream[-2:] == b"\xff\xd9"
    return stream[:pos], stream[pos:-2]


def with_restarts(samples, width, height, components, bits, near, ilv, interval, preset):
    bands = []
    for top in range(0, height, interval):
        rows = min(interval, height - top)
        part = samples[top * width * components:(top + rows) * width * components]
        bands.append(encode(part, width, rows, components, bits, near, ilv, preset))
    headers, _ = split_scan(bands[0])
    # the first band's header is for its own height: patch Y in SOF55, then insert DRI before SOS
    sof = headers.index(b"\xff\xf7")
    headers = headers[:sof + 5] + struct.pack(">H", height) + headers[sof + 7:]
    sos = headers.rindex(b"\xff\xda")
    dri = b"\xff\xdd\x00\x04" + struct.pack(">H", interval)
    out = bytearray(headers[:sos] + dri + headers[sos:])
    for i, band in enumerate(bands):
        if i > 0:
            out += bytes([0xFF, 0xD0 + (i - 1) % 8])
        out += split_scan(band)[1]
    return bytes(out + b"\xff\xd9")


CASES = [
    # name, width, height, components, bits, near, ilv, preset, restart interval, colour transform
    ("gray02", 41, 17, 1, 2, 0, 0, None, 0, 0),
    ("gray05", 41, 17, 1, 5, 0, 0, None, 0, 0),
    ("gray08", 41, 17, 1, 8, 0, 0, None, 0, 0),
    ("gray10", 41, 17, 1, 10, 0, 0, None, 0, 0),
    ("gray12", 41, 17, 1, 12, 0, 0, None, 0, 0),
    ("gray16", 41, 17, 1, 16, 0, 0, None, 0, 0),
    ("gray08_near1", 41, 17, 1, 8, 1, 0, None, 0, 0),
    ("gray12_near3", 41, 17, 1, 12, 3, 0, None, 0, 0),
    ("gray16_near7", 41, 17, 1, 16, 7, 0, None, 0, 0),
    ("gray10_preset", 41, 17, 1, 10, 0, 0, (1023, 5, 20, 80, 32), 0, 0),
    ("gray08_near2_preset", 41, 17, 1, 8, 2, 0, (255, 9, 15, 40, 16), 0, 0),
    ("rgb08_ilv0", 23, 13, 3, 8, 0, 0, None, 0, 0),
    ("rgb08_ilv1", 23, 13, 3, 8, 0, 1, None, 0, 0),
    ("rgb08_ilv2", 23, 13, 3, 8, 0, 2, None, 0, 0),
    ("rgb12_ilv2", 23, 13, 3, 12, 0, 2, None, 0, 0),
    ("rgb08_ilv1_near2", 23, 13, 3, 8, 2, 1, None, 0, 0),
    ("rgb08_ilv2_near2", 23, 13, 3, 8, 2, 2, None, 0, 0),
    ("gray12_restart4", 41, 17, 1, 12, 0, 0, None, 4, 0),
    ("gray08_near1_restart3", 41, 17, 1, 8, 1, 0, None, 3, 0),
    ("rgb08_ilv1_restart5", 23, 13, 3, 8, 0, 1, None, 5, 0),
    ("rgb08_ilv2_restart2", 23, 13, 3, 8, 0, 2, None, 2, 0),
    ("rgb08_ilv2_hp1", 23, 13, 3, 8, 0, 2, None, 0, 1),
]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    index = ["# name\twidth\theight\tcomponents\tbits\tnear\tilv\texpect"]
    for seed, (name, w, h, comps, bits, near, ilv, preset, interval, transform) in enumerate(CASES):
        maxval = preset[0] if preset else (1 << bits) - 1
        samples = image(w, h, comps, maxval, seed)
        if interval:
            stream = with_restarts(samples, w, h, comps, bits, near, ilv, interval, preset)
        else:
            stream = encode(samples, w, h, comps, bits, near, ilv, preset, transform)
        (OUT / (name + ".jls")).write_bytes(stream)
        if transform:
            index.append(f"{name}\t{w}\t{h}\t{comps}\t{bits}\t{near}\t{ilv}\treject")
            continue
        if interval:
            decoded = []  # CharLS does not decode restart intervals it did not write itself: check bandwise
            for top in range(0, h, interval):
                rows = min(interval, h - top)
                part = samples[top * w * comps:(top + rows) * w * comps]
                band = encode(part, w, rows, comps, bits, near, ilv, preset)
                decoded += decode(band, w, rows, comps, bits, ilv)
        else:
            decoded = decode(stream, w, h, comps, bits, ilv)
        assert len(decoded) == len(samples)
        assert all(abs(a - b) <= near for a, b in zip(decoded, samples)), name
        (OUT / (name + ".raw")).write_bytes(struct.pack("<%dH" % len(decoded), *decoded))
        index.append(f"{name}\t{w}\t{h}\t{comps}\t{bits}\t{near}\t{ilv}\tdecode")
    (OUT / "fixtures.tsv").write_text("\n".join(index) + "\n")


if __name__ == "__main__":
    main()
