"""Fee tiers at each band's edge (国办函〔2020〕109号, domain §5), worked out by hand."""

import pytest

from app.workflow.fees import fee_by_count, fee_by_volume


@pytest.mark.parametrize("pages, fee", [
    (29, 0), (30, 0),            # the 30th page is still free
    (31, 10),                    # the 31st costs 10元
    (32, 20),                    # 2 × 10
    (99, 690), (100, 700),       # 69 × 10; 70 × 10
    (102, 740),                  # 700 + 2 × 20
    (199, 2680), (200, 2700),    # 700 + 99 × 20; 700 + 100 × 20
    (202, 2780),                 # 2700 + 2 × 40
    (1, 0),
])
def test_fee_by_volume_at_each_bands_edges(pages, fee):
    assert fee_by_volume(pages) == fee


@pytest.mark.parametrize("nth, fee", [
    (9, 0), (10, 0), (11, 100), (12, 100), (29, 100), (30, 100),
    (31, 200), (39, 200), (40, 200), (41, 300),
    (60, 400), (61, 500),        # 51–60: 400, 61–70: 500
])
def test_fee_by_count_the_tenth_thirtieth_and_fortieth_application(nth, fee):
    assert fee_by_count(nth) == fee


def test_a_negative_page_count_is_refused():
    with pytest.raises(ValueError):
        fee_by_volume(-1)


def test_the_count_starts_at_the_first_application():
    with pytest.raises(ValueError):
        fee_by_count(0)
    assert fee_by_count(1) == 0
