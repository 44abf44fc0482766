"""Cross-validate the worth model by article and fit it on the training articles."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold

from questions.selection import THRESHOLD
from questions.training import holdout
from questions.worth import ACCEPT_FEATURES, ACCEPT_PATH, FEATURES, MODEL_PATH, WorthModel

REGULARISATION = 0.5
ACCEPT_REGULARISATION = 0.1  # fewer labels (hundreds of verdicts): stronger shrinkage
# Standardised values held within +-3: a kind or tag read a handful of times (six timelines,
# one resolved referent) had moved its items' estimates by 3 to 4 on the logit scale.
ACCEPT_CLIP = 3.0


def matrix(rows: Sequence[Mapping[str, object]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels and article names of the rows."""
    x = np.array([[float(r[name]) for name in FEATURES] for r in rows])
    y = np.array([int(r["asked"]) for r in rows])
    groups = np.array([str(r["article"]) for r in rows])
    return x, y, groups


def fit(
    x: np.ndarray,
    y: np.ndarray,
    features: tuple[str, ...] = FEATURES,
    regularisation: float = REGULARISATION,
    clip: float = 0.0,
) -> WorthModel:
    """A standardised L2 logistic regression, as plain numbers; with `clip`, standardised
    values are held within +-clip (WorthModel)."""
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    z = (x - means) / scales
    model = LogisticRegression(C=regularisation, max_iter=2000)
    model.fit(np.clip(z, -clip, clip) if clip else z, y)
    return WorthModel(
        features=features,
        means=tuple(float(m) for m in means),
        scales=tuple(float(s) for s in scales),
        weights=tuple(float(w) for w in model.coef_[0]),
        intercept=float(model.intercept_[0]),
        clip=clip,
    )


def precision_at(scores: np.ndarray, y: np.ndarray, groups: np.ndarray, share: float) -> float:
    """Mean over articles of the share asked among each article's top-scored facts."""
    values = []
    for group in sorted(set(groups)):
        mask = groups == group
        top = np.argsort(-scores[mask])[: max(1, int(mask.sum() * share))]
        values.append(float(y[mask][top].mean()))
    return float(np.mean(values))


def fit_and_save(rows: Sequence[Mapping[str, object]]) -> WorthModel:
    """Report 5-fold by-article cross-validation on the training articles, then fit on all of
    them, write questions/data/worth-model.json and print the weights."""
    held = set(holdout())
    train = [r for r in rows if r["article"] not in held]
    x, y, groups = matrix(train)
    predicted = np.zeros(len(y))
    for fit_rows, test_rows in GroupKFold(n_splits=5).split(x, y, groups):
        model = fit(x[fit_rows], y[fit_rows])
        predicted[test_rows] = [
            model.probability(dict(zip(FEATURES, row, strict=True))) for row in x[test_rows]
        ]
    print(f"training facts {len(y)}, asked {y.mean():.1%}, articles {len(set(groups))}")
    print(f"cross-validated AUC {roc_auc_score(y, predicted):.3f}")
    for share in (0.1, 0.2):
        print(
            f"asked among the top {share:.0%} per article: "
            f"{precision_at(predicted, y, groups, share):.1%} (all facts {y.mean():.1%})"
        )
    hx, hy, hgroups = matrix([r for r in rows if r["article"] in held])
    model = fit(x, y)
    if len(hy):
        scores = np.array([model.probability(dict(zip(FEATURES, r, strict=True))) for r in hx])
        print(f"held-out AUC {roc_auc_score(hy, scores):.3f} on {len(set(hgroups))} articles")
    MODEL_PATH.write_text(model.to_json(), encoding="utf-8")
    for name, weight in sorted(zip(FEATURES, model.weights, strict=True), key=lambda p: -abs(p[1])):
        print(f"  {name:28s} {weight:+.3f}")
    return model


def fit_accept(rows: Sequence[Mapping[str, object]]) -> WorthModel:
    """Cross-validate the acceptability model by article on the blind-read verdicts (the
    pool's and the saved rows of reads outside the repository), fit it on all of them and
    write questions/data/accept-model.json; then test it on the verdicts of the openly
    licensed articles of training/articles, which it never sees."""
    fitted = [r for r in rows if not r.get("held_out")]
    x = np.array([[float(r[name]) for name in ACCEPT_FEATURES] for r in fitted])
    y = np.array([int(r["acceptable"]) for r in fitted])
    groups = np.array([str(r["article"]) for r in fitted])
    predicted = np.zeros(len(y))
    splits = min(4, len(set(groups)))
    for fit_rows, test_rows in GroupKFold(n_splits=splits).split(x, y, groups):
        model = fit(x[fit_rows], y[fit_rows], ACCEPT_FEATURES, ACCEPT_REGULARISATION, ACCEPT_CLIP)
        predicted[test_rows] = [
            model.probability(dict(zip(ACCEPT_FEATURES, row, strict=True))) for row in x[test_rows]
        ]
    print(f"verdicts {len(y)}, acceptable {y.mean():.1%}, articles {len(set(groups))}")
    print(f"cross-validated AUC {roc_auc_score(y, predicted):.3f}")
    for share in (0.1, 0.2, 0.3):
        print(
            f"acceptable among the top {share:.0%} per article: "
            f"{precision_at(predicted, y, groups, share):.1%} (all {y.mean():.1%})"
        )
    model = fit(x, y, ACCEPT_FEATURES, ACCEPT_REGULARISATION, ACCEPT_CLIP)
    ACCEPT_PATH.write_text(model.to_json(), encoding="utf-8")
    weights = sorted(zip(ACCEPT_FEATURES, model.weights, strict=True), key=lambda p: -abs(p[1]))
    for name, weight in weights[:20]:
        print(f"  {name:28s} {weight:+.3f}")
    report_held_out(model, [r for r in rows if r.get("held_out")])
    return model


def report_held_out(model: WorthModel, rows: Sequence[Mapping[str, object]]) -> None:
    """AUC on verdicts the model never saw, and how acceptable the items above and below
    the selection's threshold were."""
    if not rows:
        return
    y = np.array([int(r["acceptable"]) for r in rows])
    scores = np.array([model.probability({n: float(r[n]) for n in ACCEPT_FEATURES}) for r in rows])
    articles = len({r["article"] for r in rows})
    print(f"held-out verdicts {len(y)} on {articles} articles: AUC {roc_auc_score(y, scores):.3f}")
    above = scores >= THRESHOLD
    for label, mask in (("at or above", above), ("below", ~above)):
        if mask.any():
            print(f"  {label} the threshold {THRESHOLD}: {y[mask].mean():.1%} of {mask.sum()}")
