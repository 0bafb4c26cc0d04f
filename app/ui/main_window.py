"""The main window (placeholder until the desktop issue builds the real screens)."""

from PySide6.QtWidgets import QLabel, QMainWindow


class MainWindow(QMainWindow):
    def __init__(self, services):
        super().__init__()
        self.services = services
        self.setWindowTitle("依申请公开办理系统")
        self.setCentralWidget(QLabel("数据库已打开"))
