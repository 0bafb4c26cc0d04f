"""Median, nearest-rank percentile and masking, counted by hand."""

from app.workflow.analysis import Rate, mask_name, median, percentile


def test_median_of_odd_and_even_counts():
    assert median([7, 3, 5]) == 5.0
    assert median([10, 2, 8, 4]) == 6.0          # (4 + 8) / 2
    assert median([]) is None


def test_nearest_rank_percentile():
    ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    assert percentile(ten, 90) == 9              # ceil(0.9 × 10) = 9th
    assert percentile([5, 8, 9, 10, 10, 25], 90) == 25   # ceil(5.4) = 6th
    assert percentile([4], 90) == 4
    assert percentile([], 90) is None


def test_rate_without_a_base_prints_a_dash():
    assert Rate(0, 0).percent() == "—"
    assert Rate(1, 3).percent() == "33.3%"


def test_mask_keeps_the_family_name():
    assert mask_name("张伟") == "张*"
    assert mask_name("欧阳小明") == "欧***"
