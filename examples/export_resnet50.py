#!/usr/bin/env python3
"""Export a ResNet50 *backbone* to ONNX for mammo-embed (run once).

The classifier is replaced by an identity, so the model outputs the 2048-D global-average-pooled features
instead of 1000 ImageNet class scores (mammo-embed refuses a 1000-class head). Input "input" [N,3,224,224]
float32 NCHW (ImageNet-normalised, as Preprocessing.defaults() makes it), output "features" [N,2048], dynamic
batch axis.

    python3 export_resnet50.py                       # ImageNet weights (downloaded by torchvision once)
    python3 export_resnet50.py --weights random --seed 42 -o resnet50-random-seed42.onnx   # no download

Needs torch and torchvision (e.g. Debian: apt-get install python3-torch python3-torchvision; or pip).
Then: EmbeddingExtractor.builder().model(Path.of("resnet50.onnx"))... or `mammography embed --model resnet50.onnx`.
"""
import argparse

import torch
import torchvision


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-o", "--output", default="resnet50.onnx", help="ONNX file to write (default resnet50.onnx)")
    p.add_argument("--weights", default="IMAGENET1K_V2",
                   help="torchvision weights: IMAGENET1K_V1, IMAGENET1K_V2 (default) or 'random'")
    p.add_argument("--seed", type=int, default=42, help="torch seed for --weights random (default 42)")
    p.add_argument("--opset", type=int, default=17, help="ONNX opset, 13 or more (default 17)")
    a = p.parse_args()

    if a.weights == "random":
        torch.manual_seed(a.seed)
        model = torchvision.models.resnet50(weights=None)
    else:
        model = torchvision.models.resnet50(weights=torchvision.models.ResNet50_Weights[a.weights])
    model.fc = torch.nn.Identity()  # the backbone: 2048-D pooled features, not 1000 class scores
    model.eval()  # batch norm uses its running statistics

    torch.onnx.export(model, torch.zeros(1, 3, 224, 224), a.output, input_names=["input"],
                      output_names=["features"], dynamic_axes={"input": {0: "batch"}, "features": {0: "batch"}},
                      opset_version=a.opset, do_constant_folding=True)
    print(f"wrote {a.output}: input [N,3,224,224] -> features [N,2048], opset {a.opset}")


if __name__ == "__main__":
    main()
