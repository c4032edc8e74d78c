"""Writes the .npy fixtures that NpyReaderTest must read (run from mammo-io/src/test).

Values follow formulas the Java test recomputes independently:
  matrix_3x4.npy : float32 (3, 4), value[i, j] = (4*i + j) * 0.5 - 1
  tensor_1x2x2x3.npy : float32 (1, 2, 2, 3), value at flat index k = k * 0.25 (C order)
  vector_5.npy : float32 (5,), value[k] = -k, with k = 2 replaced by +inf
  float64_2x2.npy : float64 (2, 2), must be refused (only float32 is supported)
"""
import numpy as np

np.save("resources/npy/matrix_3x4.npy", (np.arange(12, dtype="<f4").reshape(3, 4) * 0.5 - 1).astype("<f4"))
np.save("resources/npy/tensor_1x2x2x3.npy", (np.arange(12, dtype="<f4") * 0.25).reshape(1, 2, 2, 3))
v = -np.arange(5, dtype="<f4")
v[2] = np.inf
np.save("resources/npy/vector_5.npy", v)
np.save("resources/npy/float64_2x2.npy", np.eye(2, dtype="<f8"))
