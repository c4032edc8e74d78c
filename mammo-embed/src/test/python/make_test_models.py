#!/usr/bin/env python3
"""Writes the tiny ONNX fixtures used by the mammo-embed tests (a few KB each) and a reference pair computed by
PyTorch (the independent oracle for the ORT parity test).

Run from the repository root with Debian's python3-torch (1.13) and python3-onnx:
    /usr/bin/python3 mammo-embed/src/test/python/make_test_models.py
Output: mammo-embed/src/test/resources/org/mammoembed/embed/models/
"""
import os

import numpy as np
import torch
from torch import nn

OUT = os.path.join("mammo-embed", "src", "test", "resources", "org", "mammoembed", "embed", "models")
SIZE = 32  # input height and width of the tiny models


class Trunk(nn.Module):
    """Two strided convolutions: a stand-in for a CNN backbone."""

    def __init__(self, cin=3):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(cin, 8, 3, stride=2, padding=1), nn.ReLU(),
                                  nn.Conv2d(8, 16, 3, stride=2, padding=1), nn.ReLU())

    def forward(self, x):
        return self.body(x)


class Backbone(nn.Module):
    """Trunk, global average pooling, flatten, then an optional linear layer (out_dim) like a projection/fc."""

    def __init__(self, out_dim=None, flatten=True, cin=3):
        super().__init__()
        self.trunk = Trunk(cin)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.flatten = flatten
        self.fc = nn.Linear(16, out_dim) if out_dim else nn.Identity()

    def forward(self, x):
        y = self.pool(self.trunk(x))
        return self.fc(torch.flatten(y, 1)) if self.flatten else y


class Spatial(nn.Module):
    """No pooling: the output is a feature map [N,16,8,8], not an embedding."""

    def __init__(self):
        super().__init__()
        self.trunk = Trunk()

    def forward(self, x):
        return self.trunk(x)


class EvenBatches(nn.Module):
    """Runs only on an even batch size: its reshape needs two images per row. Lets a test make one batch fail."""

    def __init__(self):
        super().__init__()
        self.net = Backbone(24)

    def forward(self, x):
        check = torch.reshape(x, (-1, 2 * 3 * SIZE * SIZE)).sum() * 0.0
        return self.net(x) + check


class TwoInputs(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = Backbone(24)

    def forward(self, a, b):
        return self.net(a + b)


def export(model, name, inputs, input_names, dynamic=True, dynamic_hw=False):
    model.eval()
    axes = {}
    if dynamic:
        for n in input_names:
            axes[n] = {0: "batch", 2: "height", 3: "width"} if dynamic_hw else {0: "batch"}
        axes["features"] = {0: "batch"}
    torch.onnx.export(model, inputs, os.path.join(OUT, name), input_names=input_names, output_names=["features"],
                      dynamic_axes=axes or None, opset_version=13, do_constant_folding=True)


def main():
    os.makedirs(OUT, exist_ok=True)
    x = torch.rand(2, 3, SIZE, SIZE)

    torch.manual_seed(7)
    gemm = Backbone(24)
    export(gemm, "tiny_backbone.onnx", x, ["input"])
    # reference pair: PyTorch's output for a seeded input batch of 5
    torch.manual_seed(11)
    ref_in = torch.rand(5, 3, SIZE, SIZE)
    with torch.no_grad():
        ref_out = gemm.eval()(ref_in)
    np.save(os.path.join(OUT, "tiny_backbone.ref-input.npy"), ref_in.numpy().astype(np.float32))
    np.save(os.path.join(OUT, "tiny_backbone.ref-output.npy"), ref_out.numpy().astype(np.float32))

    torch.manual_seed(8)
    export(Backbone(None, flatten=False), "tiny_pooled4d.onnx", x, ["input"])
    torch.manual_seed(9)
    export(Backbone(1000), "tiny_head1000.onnx", x, ["input"])
    torch.manual_seed(10)
    export(Backbone(24), "tiny_dynamic_hw.onnx", x, ["input"], dynamic_hw=True)
    torch.manual_seed(12)
    export(Backbone(24), "tiny_fixed_batch4.onnx", torch.rand(4, 3, SIZE, SIZE), ["input"], dynamic=False)
    torch.manual_seed(13)
    export(TwoInputs(), "tiny_two_inputs.onnx", (x, x), ["a", "b"])
    torch.manual_seed(14)
    export(Backbone(24, cin=1), "tiny_gray.onnx", torch.rand(2, 1, SIZE, SIZE), ["input"])
    torch.manual_seed(16)
    export(EvenBatches(), "tiny_even_batches.onnx", x, ["input"])
    torch.manual_seed(15)
    export(Spatial(), "tiny_spatial.onnx", x, ["input"])


if __name__ == "__main__":
    main()
