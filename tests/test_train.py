import numpy as np

from training.train import fit_side_by_side, fit_weighted

ROWS = [(["w=ready", "w=talk"], "openness"), (["w=reject"], "rejection"), (["w=ready"], "openness"),
        (["w=reject", "w=no"], "rejection"), (["w=talk", "w=no"], "rejection"), (["w=talk"], "openness")]


def test_fits_side_by_side_are_the_fits_one_after_the_other_in_the_order_given():
    fits = [(fit_weighted, [(ROWS, 1.0)], 1, {"C": 1.0, "min_count": 1}),
            (fit_weighted, [(ROWS[:4], 1.0), (ROWS[4:], 5.0)], 1, {"C": 0.1, "min_count": 1})]
    in_workers = fit_side_by_side(fits, n_jobs=2)
    in_this_process = fit_side_by_side(fits, n_jobs=1)
    for apart, here in zip(in_workers, in_this_process):
        assert apart.feature_names_ == here.feature_names_
        np.testing.assert_array_equal(apart.coef_, here.coef_)
    assert not np.allclose(in_workers[0].coef_, in_workers[1].coef_)  # each result in its own place


def test_fit_side_by_side_runs_any_function():
    assert fit_side_by_side([(sorted, [3, 1, 2]), (max, [4, 5]), (len, "abc")], n_jobs=2) == [[1, 2, 3], 5, 3]
