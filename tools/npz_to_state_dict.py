#!/usr/bin/python3
"""Loads an xgrad checkpoint (.npz) into a PyTorch state_dict.

xgrad saves a module under PyTorch's state_dict keys ("fc1.weight", "fc1.bias",
"bn.running_mean", ...; see serialize/serialize.h), so the result loads into the
PyTorch model with the same layers:

    import sys; sys.path.insert(0, "tools")
    from npz_to_state_dict import npz_to_state_dict
    model = Net()                                    # the PyTorch twin of the xgrad model
    model.load_state_dict(npz_to_state_dict("model.npz"))

From the shell it writes a file for torch.load:
    /usr/bin/python3 tools/npz_to_state_dict.py model.npz model.pt
Needs numpy and torch (Debian: python3-numpy, python3-torch).
"""
import sys
from collections import OrderedDict

import numpy as np
import torch


def npz_to_state_dict(path):
    """The arrays of the .npz file as torch tensors, in the order xgrad saved them."""
    with np.load(path) as arrays:
        return OrderedDict((name, torch.from_numpy(arrays[name])) for name in arrays.files)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: npz_to_state_dict.py checkpoint.npz state_dict.pt")
    torch.save(npz_to_state_dict(sys.argv[1]), sys.argv[2])
