"""Widget tests of the case screens: 首页, list, registration, the case page, 协办/会商/督办."""
