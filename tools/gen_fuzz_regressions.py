#!/usr/bin/env python3
"""Prints the PyTorch 1.13 values that tests/test_fuzz_regressions.cpp compares with
(casts of NaN/Inf/out-of-range floats to Long on x86, integer pow and arithmetic that wrap around,
circular padding with negative amounts and of Bool, max pooling indices written in place,
a dilated max pooling window that misses the input)."""
import torch
import torch.nn.functional as F

print('to(Long) of Double', torch.tensor([float('nan'), float('inf'), -float('inf'), 1e30, -1e30, 2.7, -2.7],
                                         dtype=torch.float64).to(torch.long).tolist())
print('to(Long) of Float', torch.tensor([float('nan'), 1e30, 2.7], dtype=torch.float32).to(torch.long).tolist())
print('pow(62)', torch.tensor([2, 3, -3, 0, 1, -1]).pow(62).tolist())
print('pow(tensor)', torch.tensor([2, 3, -3, 0, 1, -1]).pow(torch.tensor([62, 41, 3, 0, 2**62, 2**62 + 1])).tolist())
a = torch.tensor([665416609183179841, 2**63 - 1, -2**63])
print('Long overflow', (a * a).tolist(), (a + 1).tolist(), (a - 2).tolist(), a.sum().tolist(), a.prod().tolist())
x = torch.arange(3.).reshape(1, 1, 3)
print('pad circular, negative', F.pad(x, (-1, 2), 'circular').tolist(), F.pad(x, (1, -2), 'circular').tolist())
for p in [(-1, 3), (3, -2), (-2, 2)]:
    try:
        F.pad(x, p, 'circular')
    except RuntimeError as e:
        print('pad circular', p, 'refused:', str(e).split('.')[0])
b = torch.tensor([[[True], [False]]])
print('pad circular, Bool', F.pad(b.unsqueeze(0), (1, 1, 1, 1), 'circular').squeeze(0).tolist())
x = torch.randn(1, 2, 3, 3, dtype=torch.float64, requires_grad=True)
y, indices = F.adaptive_max_pool2d(x, 2, return_indices=True)
with torch.no_grad():
    indices.mul_(5)
try:
    y.sum().backward()
except RuntimeError as e:
    print('adaptive_max_pool2d, indices written in place: backward refused:', str(e).split(':')[0])
y, indices = F.max_pool1d(torch.ones(2, 3, 1), 2, 2, 1, 2, return_indices=True)
print('max_pool1d, a window between the input elements:', y.flatten().tolist(), indices.flatten().tolist(),
      '(its backward is not run: it writes outside the input)')
