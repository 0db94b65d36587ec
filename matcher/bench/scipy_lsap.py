"""Times scipy.optimize.linear_sum_assignment on a float64 matrix file written by run.ts.

usage: python3 scipy_lsap.py <matrix.f64> <rows> <cols> <repetitions>
Prints one JSON line (wall and CPU times in ms). Loading the file is not timed, only the solve.
"""
import json
import sys
import time

import numpy as np
import scipy
from scipy.optimize import linear_sum_assignment

path, rows, cols, repetitions = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
costs = np.fromfile(path, dtype="<f8").reshape(rows, cols)
linear_sum_assignment(costs)  # untimed first run, as for ours
times = []
cpu_times = []
total = None
for _ in range(repetitions):
    cpu_started = time.process_time()
    started = time.perf_counter()
    row_ind, col_ind = linear_sum_assignment(costs)
    times.append((time.perf_counter() - started) * 1000)
    cpu_times.append((time.process_time() - cpu_started) * 1000)
    total = float(costs[row_ind, col_ind].sum())
print(json.dumps({"times": times, "cpuTimes": cpu_times, "total": total, "scipy": scipy.__version__, "numpy": np.__version__}))
