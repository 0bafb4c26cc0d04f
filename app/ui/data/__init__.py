"""数据 page: 台账 import (the mapping step) and export, backup and restore."""
