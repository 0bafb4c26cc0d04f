"""Case screens: 首页, the request list, registration, the case page and its tabs, 会商 and 督办."""
