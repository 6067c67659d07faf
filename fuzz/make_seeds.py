#!/usr/bin/env python3
"""Writes the hand-made part of the seed corpus (fuzz/corpus/); needs numpy only.

program:    random byte strings whose first byte picks the mode (even: smooth, odd: chaos);
            the target reads the rest as shapes, values and ops.
checkpoint: one byte picking the reader (see checkpoint_fuzzer.cpp) + a valid .npy/.npz file.
idx:        an IDX images/labels pair (see idx_fuzzer.cpp), plain or gzip, valid or with one fault.
The rest of the corpus is what libFuzzer found and a set-cover merge kept, except the
checkpoint seeds seed_load_adam, seed_load_sgd and seed_load_module_xgrad: checkpoints written
by xgrad itself (xg::save of an nn::Linear(3, 2) and of an Adam / an SGD with momentum after
the two training steps checkpoint_fuzzer.cpp takes), so that fuzzing starts from loads that succeed.
"""
import io
import os
import random

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
random.seed(7)

d = os.path.join(here, 'corpus', 'program_fuzzer')
os.makedirs(d, exist_ok=True)
for i in range(16):
    mode = 0 if i < 10 else 1
    body = bytes(random.randrange(256) for _ in range(random.randint(20, 90)))
    name = f'seed_{"smooth" if mode == 0 else "chaos"}_{i:02d}'
    open(os.path.join(d, name), 'wb').write(bytes([mode]) + body)


def npy(a):
    f = io.BytesIO()
    np.save(f, a)
    return f.getvalue()


def npz(**arrays):
    f = io.BytesIO()
    np.savez(f, **arrays)
    return f.getvalue()


d = os.path.join(here, 'corpus', 'checkpoint_fuzzer')
os.makedirs(d, exist_ok=True)
seeds = {
    'seed_npy_f4': (0, npy(np.arange(6, dtype='<f4').reshape(2, 3))),
    'seed_npy_b1_0d': (0, npy(np.array(True))),
    'seed_npy_i8_empty': (0, npy(np.zeros((0, 3), dtype='<i8'))),
    'seed_npy_fortran': (0, npy(np.asfortranarray(np.arange(6, dtype='<f8').reshape(2, 3)))),
    'seed_load_named': (1, npz(a=np.ones((2, 2)), b=np.arange(3))),
    'seed_load_vector': (2, npz(arr_0=np.zeros((2, 3), dtype='<f4'), arr_1=np.arange(4, dtype='<i8'))),
    'seed_load_tensor': (3, npz(arr_0=np.full((2, 2), 5.0))),
    'seed_load_module': (4, npz(weight=np.ones((2, 3), dtype='<f4'), bias=np.zeros(2, dtype='<f4'))),
}
for name, (target, data) in seeds.items():
    open(os.path.join(d, name), 'wb').write(bytes([target]) + data)


# idx: byte 0 = which files are .gz (bit 0 images, bit 1 labels), bytes 1-2 = the images file's
# length (little-endian), then the images file and the labels file (see idx_fuzzer.cpp).
import gzip
import struct


def idx_pair(count, gz=0, labels=None, side=28, image_magic=2051):
    images = struct.pack('>IIII', image_magic, count, side, side) + bytes(
        (7 * i) % 256 for i in range(count * side * side))
    labels = struct.pack('>II', 2049, count) + bytes(labels if labels is not None else range(count))
    if gz & 1:
        images = gzip.compress(images, mtime=0)
    if gz & 2:
        labels = gzip.compress(labels, mtime=0)
    return bytes([gz]) + struct.pack('<H', len(images)) + images + labels


d = os.path.join(here, 'corpus', 'idx_fuzzer')
os.makedirs(d, exist_ok=True)
seeds = {
    'seed_plain_2': idx_pair(2),
    'seed_gz_both_3': idx_pair(3, gz=3),
    'seed_gz_labels_1': idx_pair(1, gz=2),
    'seed_empty_set': idx_pair(0),
    'seed_label_10': idx_pair(2, labels=[3, 10]),
    'seed_wrong_side': idx_pair(1, side=27),
    'seed_wrong_magic': idx_pair(1, image_magic=2049),
    'seed_truncated': idx_pair(2)[:900],
}
for name, data in seeds.items():
    open(os.path.join(d, name), 'wb').write(data)
