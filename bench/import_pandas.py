"""Reads a CAPES-layout CSV with pandas, as a reference for the import benchmark.

Usage: python3 bench/import_pandas.py FILE
Prints one JSON object: rows, wall seconds of read_csv, CPU seconds and peak resident memory
(KiB) of this process, startup included.
The options match the CAPES catalogue: ';'-separated, ISO-8859-1, every value as text,
rows broken by a stray quote skipped.
"""

import json
import resource
import sys
import time

import pandas as pd


def main() -> None:
    path = sys.argv[1]
    started = time.perf_counter()
    frame = pd.read_csv(path, sep=";", encoding="latin-1", dtype=str, keep_default_na=False, on_bad_lines="skip")
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                "rows": int(len(frame)),
                "seconds": seconds,
                "cpu_seconds": usage.ru_utime + usage.ru_stime,
                "peak_rss_kib": usage.ru_maxrss,
                "pandas": pd.__version__,
            }
        )
    )


if __name__ == "__main__":
    main()
