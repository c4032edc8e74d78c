#!/usr/bin/python3
"""Independent oracle for OnnxModels.randomResNet50, from torchvision's own ResNet50.

  resnet50_reference.py structure
      Prints the constants recorded in ResNet50TopologyTest: parameter counts of torchvision resnet50 without fc
      and the (out, in, kernel, stride, pad) of every conv in forward order.

  resnet50_reference.py forward MODEL.onnx OUT.f32
      (made src/test/resources/org/mammoembed/embed/resnet50-seed42-torch-output.f32 from the model of
      OnnxModels.writeRandomResNet50(42, MODEL.onnx))
      Loads the weights of an ONNX file written by OnnxModels (read with the tiny protobuf reader below, not our
      Java code) into torchvision resnet50 (fc = Identity, eval mode, batch norms made identities so the folded
      conv weights and biases apply unchanged), runs it on the deterministic input of ResNet50TorchAgreementTest
      and writes the [2, 2048] output as little-endian float32.

Needs Debian's python3-torch and python3-torchvision (1.13 / 0.14). Not used by the build.
"""
import struct
import sys

import numpy as np
import torch
import torchvision


def backbone():
    model = torchvision.models.resnet50(weights=None)
    model.fc = torch.nn.Identity()
    return model.eval()


def convs_in_forward_order(model):
    # named_modules() follows registration order; in torchvision's Bottleneck the downsample is registered
    # after conv3 and also runs after conv3 in forward(), so this is forward order too.
    return [(n, m) for n, m in model.named_modules() if isinstance(m, torch.nn.Conv2d)]


def structure():
    model = backbone()
    total = sum(p.numel() for p in model.parameters())
    convs = convs_in_forward_order(model)
    conv_weights = sum(m.weight.numel() for _, m in convs)
    bn_channels = sum(m.num_features for m in model.modules() if isinstance(m, torch.nn.BatchNorm2d))
    assert all(m.bias is None for _, m in convs)
    print("torchvision", torchvision.__version__)
    print("parameters (conv weights + BN gamma/beta):", total)
    print("conv weights:", conv_weights)
    print("BN channels:", bn_channels)
    print("after folding each BN into its conv (weights + one bias per channel):", conv_weights + bn_channels)
    print("conv count:", len(convs))
    print("bottleneck blocks:", sum(1 for m in model.modules() if isinstance(m, torchvision.models.resnet.Bottleneck)))
    print("out,in,kernel,stride,pad:")
    print(" ".join("%d,%d,%d,%d,%d" % (m.out_channels, m.in_channels, m.kernel_size[0], m.stride[0], m.padding[0])
                   for _, m in convs))


def read_varint(buf, pos):
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, pos


def fields(buf):
    """Yields (field number, wire type, value) of one protobuf message; value is int or memoryview."""
    pos = 0
    while pos < len(buf):
        key, pos = read_varint(buf, pos)
        field, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = read_varint(buf, pos)
        elif wire == 2:
            length, pos = read_varint(buf, pos)
            value = buf[pos:pos + length]
            pos += length
        elif wire == 5:
            value = buf[pos:pos + 4]
            pos += 4
        elif wire == 1:
            value = buf[pos:pos + 8]
            pos += 8
        else:
            raise ValueError("wire type %d" % wire)
        yield field, wire, value


def float_initializers(path):
    """name -> numpy array, from ModelProto.graph (7) .initializer (5): dims 1, data_type 2, name 8, raw_data 9."""
    data = memoryview(open(path, "rb").read())
    graph = next(v for f, _, v in fields(data) if f == 7)
    tensors = {}
    for f, _, tensor in fields(graph):
        if f != 5:
            continue
        dims, name, raw, dtype = [], None, None, None
        for tf, wire, v in fields(tensor):
            if tf == 1 and wire == 2:  # packed dims
                p = 0
                while p < len(v):
                    d, p = read_varint(v, p)
                    dims.append(d)
            elif tf == 1:
                dims.append(v)
            elif tf == 2:
                dtype = v
            elif tf == 8:
                name = bytes(v).decode()
            elif tf == 9:
                raw = bytes(v)
        assert dtype == 1, (name, dtype)
        tensors[name] = np.frombuffer(raw, dtype="<f4").reshape(dims)
    return tensors


def deterministic_input():
    # the same float32 arithmetic as ResNet50TorchAgreementTest.input(): exact in both languages
    n = 2 * 3 * 224 * 224
    i = np.arange(n, dtype=np.int64)
    x = ((i * 7919) % 1000).astype(np.float32) / np.float32(1000) - np.float32(0.5)
    return torch.from_numpy(x.reshape(2, 3, 224, 224))


def forward(model_path, out_path):
    tensors = float_initializers(model_path)
    model = backbone()
    eps = 1e-5
    modules = dict(model.named_modules())
    with torch.no_grad():
        for name, conv in convs_in_forward_order(model):
            bn_name = name.replace("conv", "bn") if "conv" in name else name[:-1] + "1"
            bn = modules[bn_name]
            conv.weight.copy_(torch.from_numpy(tensors[name + ".weight"].copy()))
            # with running var 1 - eps, eval BN(y) = y * gamma + beta: gamma 1 and beta = our folded bias
            bn.running_mean.zero_()
            bn.running_var.fill_(1.0 - eps)
            bn.weight.fill_(1.0)
            bn.bias.copy_(torch.from_numpy(tensors[name + ".bias"].copy()))
        used = 2 * len(convs_in_forward_order(model))
        assert used == len(tensors), (used, len(tensors))
        out = model(deterministic_input()).numpy().astype("<f4")
    print("output", out.shape, "first values", out[0, :5])
    open(out_path, "wb").write(out.tobytes())


if __name__ == "__main__":
    if sys.argv[1:2] == ["structure"]:
        structure()
    elif sys.argv[1:2] == ["forward"] and len(sys.argv) == 4:
        forward(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
