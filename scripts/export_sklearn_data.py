"""Exports scikit-learn's breast cancer data set (Wisconsin diagnostic, 569 rows, 30 features)
to examples/data/breast_cancer.csv: a header of scikit-learn's feature names and `target`
(0 = malignant, 1 = benign, as load_breast_cancer), values written with Python's shortest repr.

Run with Debian's interpreter: /usr/bin/python3 scripts/export_sklearn_data.py
(scikit-learn from the python3-sklearn package).
"""
import csv
import os

from sklearn.datasets import load_breast_cancer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "examples", "data", "breast_cancer.csv")


def main():
    data = load_breast_cancer()
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(list(data.feature_names) + ["target"])
        for row, t in zip(data.data, data.target):
            w.writerow([repr(float(v)) for v in row] + [int(t)])
    print(f"wrote {OUT}: {data.data.shape[0]} rows, {data.data.shape[1]} features + target")


if __name__ == "__main__":
    main()
