"""PyTorch peer for `npm run bench -- --peer torch`.

Trains the article's network (same layers as pipeline/model/createModel.ts) on MNIST-shaped
synthetic batches with Adam (Keras defaults, eps 1e-7) and prints one JSON line with the
measured speed. Usage: python3 bench/torch_peer.py --images N --warmup B --batch-size S --threads T
"""
import argparse
import json
import time

import torch
from torch import nn


def network() -> nn.Module:
    def block(cin: int, cout: int) -> list:
        return [nn.Conv2d(cin, cout, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.3)]

    return nn.Sequential(
        *block(1, 32), *block(32, 64), *block(64, 128),
        nn.Flatten(), nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, 10),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=5120)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    torch.manual_seed(0)
    torch.set_num_threads(args.threads)
    model = network()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()  # softmax + cross-entropy, as the tfjs model's softmax + sparse CE
    xs = (torch.rand(args.batch_size, 1, 28, 28) > 0.8).float() * torch.rand(args.batch_size, 1, 28, 28)
    ys = torch.randint(0, 10, (args.batch_size,))

    def step() -> float:
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(xs), ys)
        loss.backward()
        optimizer.step()
        return loss.item()

    model.train()
    for _ in range(args.warmup):
        step()
    batches = max(1, -(-args.images // args.batch_size))
    start = time.perf_counter()
    cpu_start = time.process_time()  # all threads of this process
    for _ in range(batches):
        step()
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    images = batches * args.batch_size
    print(json.dumps({
        "framework": "pytorch",
        "version": torch.__version__,
        "threads": torch.get_num_threads(),
        "images": images,
        "seconds": seconds,
        "imagesPerSecond": images / seconds,
        "msPerBatch": seconds * 1000 / batches,
        "cpuSeconds": cpu_seconds,
    }))


if __name__ == "__main__":
    main()
