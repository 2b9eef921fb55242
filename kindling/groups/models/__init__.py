from .workshops import Attendance, GroupMessage, Registration, Workshop, WorkshopSession

__all__ = ["Attendance", "GroupMessage", "Registration", "Workshop", "WorkshopSession"]
