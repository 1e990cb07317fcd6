#!/usr/bin/python3
"""Reference values for the assessment statistics (issue 10), computed independently with SciPy and NumPy.

Run once, by hand, when the fixtures change (the tests read the JSON and need no Python):

    apt-get install -y python3-scipy      # Debian's SciPy, for /usr/bin/python3
    /usr/bin/python3 packages/server/scripts/statistics-fixtures.py

Writes packages/server/src/modules/assessments/statistics.fixtures.json with the SciPy and NumPy versions.

The Wilcoxon test is asked of SciPy with the method our rule picks (exact below 50 non-zero differences
without ties, the normal approximation otherwise; see assessment.statistics.ts), so each fixture is what
SciPy computes for that method. What SciPy's own method='auto' gives is stored beside it for reference,
because SciPy 1.10 decides differently with ties, with zeros and at n = 50.
"""

import json
import math
import platform
import subprocess
import warnings
from pathlib import Path

import numpy as np
import scipy
from scipy import stats

OUT = Path(__file__).resolve().parent.parent / "src/modules/assessments/statistics.fixtures.json"
EXACT_BELOW = 50
rng = np.random.default_rng(20250610)


def plain(value):
    """A JSON value: None for NaN; +/-inf as the strings SciPy's answer means (the tests expect null there)."""
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def summary(values):
    a = np.asarray(values, dtype=float)
    n = int(a.size)
    if n == 0:
        return {"n": 0, "mean": None, "median": None, "sd": None}
    return {
        "n": n,
        "mean": float(np.mean(a)),
        "median": float(np.median(a)),
        "sd": float(np.std(a, ddof=1)) if n >= 2 else None,
    }


def t_test(pre, post):
    d = np.asarray(post, dtype=float) - np.asarray(pre, dtype=float)
    if d.size < 2:
        return None, None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = stats.ttest_rel(post, pre)
    raw = {"t": plain(res.statistic), "p": plain(res.pvalue)}
    if not (math.isfinite(res.statistic) and math.isfinite(res.pvalue)):
        return None, raw  # all differences equal: we answer null (see pairedTTest)
    return {"t": float(res.statistic), "df": int(d.size - 1), "p": float(res.pvalue)}, raw


def wilcoxon(d):
    d = np.asarray(d, dtype=float)
    non_zero = d[d != 0]
    n = int(non_zero.size)
    auto = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            r = stats.wilcoxon(d)  # SciPy's defaults: zero_method='wilcox', correction=False, method='auto'
            auto = {"statistic": plain(r.statistic), "p": plain(r.pvalue)}
        except ValueError as error:
            auto = {"error": str(error)}
        if n == 0:
            return None, auto
        ties = np.unique(np.abs(non_zero)).size < n
        if n < EXACT_BELOW and not ties:
            # Zeros dropped first: SciPy 1.10 would otherwise leave 'exact' for the approximation.
            r = stats.wilcoxon(non_zero, method="exact")
            method = "exact"
        else:
            r = stats.wilcoxon(d, zero_method="wilcox", correction=False, method="approx")
            method = "normal"
    return {"statistic": float(r.statistic), "p": float(r.pvalue), "method": method}, auto


def gain(pre, post, max_score):
    mean_pre = float(np.mean(pre))
    mean_post = float(np.mean(post))
    g = None if mean_pre >= max_score else (mean_post - mean_pre) / (max_score - mean_pre)
    band = None if g is None else ("low" if g < 0.3 else "medium" if g < 0.7 else "high")
    return {"meanPre": mean_pre, "meanPost": mean_post, "maxScore": max_score, "g": g, "band": band}


def dz(d):
    d = np.asarray(d, dtype=float)
    if d.size < 2 or np.all(d == d[0]):
        return None
    return float(np.mean(d) / np.std(d, ddof=1))


def paired_set(name, pre, post, max_score, note):
    pre = [float(x) for x in pre]
    post = [float(x) for x in post]
    d = [b - a for a, b in zip(pre, post)]
    t, t_raw = t_test(pre, post)
    w, w_auto = wilcoxon(d)
    return {
        "name": name,
        "note": note,
        "pre": pre,
        "post": post,
        "differences": d,
        "summaryPre": summary(pre),
        "summaryPost": summary(post),
        "summaryDifferences": summary(d),
        "tTest": t,
        "tTestScipyRaw": t_raw,
        "wilcoxon": w,
        "wilcoxonScipyAuto": w_auto,
        "effectSizeDz": dz(d),
        "gain": gain(pre, post, max_score),
    }


def scores(n, low, high):
    return rng.integers(low, high + 1, size=n).astype(float)


def paired_sets():
    sets = []
    # Small, no ties, no zeros: exact distribution.
    pre = [10, 12, 9, 14, 11, 8, 13, 7]
    post = [13, 18, 11, 22, 21, 7, 18, 16]  # differences 3, 6, 2, 8, 10, -1, 5, 9
    d = [b - a for a, b in zip(pre, post)]
    assert len(set(abs(x) for x in d)) == len(d) and 0 not in d, d
    sets.append(paired_set("small_exact", pre, post, 25, "n = 8, distinct non-zero differences: exact"))

    pre = [5, 6, 7, 4, 8, 6, 5, 7, 6, 5]
    post = [7, 8, 8, 6, 9, 9, 6, 10, 8, 4]
    sets.append(paired_set("small_ties", pre, post, 10, "n = 10 with tied differences: normal with tie correction"))

    pre = [12, 15, 9, 11, 14, 10, 13, 8, 16, 12, 11, 9]
    post = [12, 18, 9, 16, 14, 17, 14, 2, 20, 21, 19, 11]  # differences 0, 3, 0, 5, 0, 7, 1, -6, 4, 9, 8, 2
    sets.append(paired_set("zeros_no_ties", pre, post, 20, "3 zeros dropped, 9 distinct differences left: exact"))

    pre = [3, 4, 5, 4, 6, 5, 3, 4, 7, 5, 6, 4, 5, 3, 4]
    post = [5, 4, 7, 6, 6, 8, 4, 6, 7, 6, 9, 5, 5, 6, 2]
    sets.append(paired_set("zeros_and_ties", pre, post, 10, "zeros and ties: normal with tie correction"))

    pre = scores(60, 4, 20)
    post = np.minimum(pre + rng.integers(-3, 9, size=60), 30)
    sets.append(paired_set("large_n60_ties", pre, post, 30, "n = 60 integer scores, many ties: normal"))

    pre = np.round(rng.uniform(20, 60, size=55), 3)
    post = np.round(pre + rng.normal(8, 10, size=55), 3)
    sets.append(paired_set("large_n55_distinct", pre, post, 100, "n = 55 distinct differences: normal (n >= 50)"))

    pre = [float(20 + (i * 7) % 13) for i in range(25)]
    post = [x + d for x, d in zip(pre, [-1, -2] + list(range(3, 26)))]
    sets.append(paired_set("exact_n25_tail", pre, post, 60, "n = 25 distinct, two small losses: exact, p far in the tail"))

    pre = np.round(rng.uniform(20, 60, size=49), 2)
    post = np.round(pre + rng.normal(3, 9, size=49), 2)
    sets.append(paired_set("n49_distinct", pre, post, 100, "n = 49 distinct: the largest exact case"))

    pre = np.round(rng.uniform(20, 60, size=50), 2)
    post = np.round(pre + rng.normal(3, 9, size=50), 2)
    sets.append(paired_set("n50_distinct", pre, post, 100, "n = 50 distinct: normal here, SciPy 1.10's auto would be exact"))

    pre = [4, 6, 5, 7, 3, 8]
    post = [7, 9, 8, 10, 6, 11]
    sets.append(paired_set("all_equal_gain", pre, post, 12, "every difference +3: t-test and d_z null; Wilcoxon all tied: normal"))

    pre = [5, 6, 7, 8, 9]
    post = [5, 6, 7, 8, 9]
    sets.append(paired_set("all_zero", pre, post, 10, "no change at all: t-test, Wilcoxon and d_z null"))

    pre = [14, 16, 12, 18, 15, 17, 13, 19, 11]
    post = [12, 11, 13, 14, 9, 15, 7, 12, 10]
    sets.append(paired_set("negative_gains", pre, post, 20, "most people did worse: negative t, negative g"))

    pre = [6, 9, 4, 7]
    post = [8, 14, 5, 11]
    sets.append(paired_set("n4", pre, post, 15, "n = 4 (under 5 people): the figures still compute here"))

    pre = [40, 55, 35, 60, 45, 50, 30, 65, 42, 58, 38, 48, 52, 44, 36, 61, 47, 53, 39, 57, 41, 49, 33, 63, 46, 54, 37, 59, 43, 51]
    post = [x + 30 + (i % 7) - 3 + 0.5 * (i % 2) for i, x in enumerate(pre)]
    sets.append(paired_set("strong_gain_n30", pre, post, 100, "large consistent gain: a very small p (tail accuracy)"))

    pre = [2.5, 3, 1.5, 4, 3.5, 2, 0.5, 3]
    post = [4, 3, 3.5, 5, 5, 4.5, 2, 3.5]
    sets.append(paired_set("half_points", pre, post, 6, "half points, a zero and ties: normal"))

    pre = [9, 10, 10, 10, 10, 10]
    post = [10, 10, 10, 10, 10, 10]
    sets.append(paired_set("ceiling", pre, post, 10, "pre mean near the maximum; one non-zero difference"))

    sets.append(paired_set("pre_at_max", [10, 10, 10, 10, 10], [9, 10, 8, 10, 10], 10, "pre mean = maximum: g null"))
    sets.append(paired_set("n2", [3, 5], [6, 7], 10, "n = 2"))
    sets.append(paired_set("n1", [3], [6], 10, "n = 1: no t-test, no d_z; Wilcoxon exact p = 1"))
    return sets


def item_set(name, matrix, max_points, note):
    m = np.asarray(matrix, dtype=float)
    people, k = m.shape
    totals = m.sum(axis=1)
    facility = [float(m[:, j].mean() / max_points[j]) for j in range(k)]
    discrimination = []
    for j in range(k):
        rest = totals - m[:, j]
        if people < 2 or np.all(m[:, j] == m[0, j]) or np.all(rest == rest[0]):
            discrimination.append(None)  # SciPy's pearsonr warns and answers nan here
            continue
        discrimination.append(float(stats.pearsonr(m[:, j], rest)[0]))
    alpha = None
    if people >= 2 and k >= 2 and not np.all(totals == totals[0]):
        item_var = m.var(axis=0, ddof=1).sum()
        alpha = float(k / (k - 1) * (1 - item_var / totals.var(ddof=1)))
    return {
        "name": name,
        "note": note,
        "matrix": m.tolist(),
        "maxPoints": [float(x) for x in max_points],
        "facility": facility,
        "discrimination": discrimination,
        "cronbachAlpha": alpha,
    }


def item_sets():
    sets = []
    # 0/1 items driven by a latent ability, so the items correlate (alpha well above 0).
    ability = rng.normal(0, 1, size=30)
    difficulty = np.linspace(-1.5, 1.5, 12)
    p = 1 / (1 + np.exp(-(ability[:, None] - difficulty[None, :]) * 1.7))
    binary = (rng.uniform(size=p.shape) < p).astype(float)
    binary[:, 0] = 1.0  # everyone right: facility 1, discrimination undefined
    binary[:, 11] = (ability < 0).astype(float)  # the weak answer it, the strong do not: negative discrimination
    sets.append(item_set("binary_30x12", binary, [1.0] * 12, "0/1 items, one constant, one negatively discriminating"))

    partial = rng.integers(0, 3, size=(20, 6)).astype(float)
    partial[:, 5] = np.clip(np.round(partial[:, :5].mean(axis=1) * 1.5), 0, 3)
    sets.append(item_set("partial_20x6", partial, [2, 2, 2, 2, 2, 3], "partial credit (0..2 and 0..3 points)"))

    sets.append(item_set("tiny_3x2", [[1, 0], [0, 1], [1, 1]], [1, 1], "3 people, 2 items: a negative alpha"))
    sets.append(item_set("constant_totals", [[1, 0], [0, 1], [1, 0]], [1, 1], "every total equal: alpha undefined"))
    return sets


def t_distribution():
    rows = []
    for df in [1, 2, 3, 4, 5, 9, 10, 29, 49, 100, 1000]:
        for t in [0.0, 0.1, 0.5, 1.0, 1.96, 2.5, 3.0, 5.0, 10.0, 40.0, -2.2]:
            rows.append({"t": t, "df": df, "p": float(2 * stats.t.sf(abs(t), df))})
    return rows


def normal_distribution():
    return [{"z": z, "p": float(2 * stats.norm.sf(abs(z)))} for z in [0.0, 0.05, 0.5, 1.0, 1.2, 1.5, 1.6448536, 1.959964, 2.5, 3.5, 5.0, 8.0, 12.0, -1.7]]


def ln_gamma():
    return [{"x": x, "lnGamma": float(math.lgamma(x))} for x in [0.1, 0.5, 1.0, 1.5, 2.0, 3.7, 10.0, 24.5, 100.0, 500.5, 1e4]]


fixtures = {
    "generatedBy": "packages/server/scripts/statistics-fixtures.py",
    "python": platform.python_version(),
    "scipy": scipy.__version__,
    "numpy": np.__version__,
    "pairedSets": paired_sets(),
    "itemSets": item_sets(),
    "tDistribution": t_distribution(),
    "normalDistribution": normal_distribution(),
    "lnGamma": ln_gamma(),
}
OUT.write_text(json.dumps(fixtures, indent=1) + "\n")
# The repository's formatter owns the layout of every JSON file; numbers are unchanged by it.
subprocess.run(["npx", "prettier", "--write", str(OUT)], check=True, cwd=OUT.parents[5], stdout=subprocess.DEVNULL)
print(f"wrote {OUT} with SciPy {scipy.__version__}, NumPy {np.__version__}")
