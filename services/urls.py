from django.urls import path

from . import views

app_name = "services"

urlpatterns = [
    path("appointments/book/", views.book_service, name="book_service"),
    path("appointments/book/time/", views.book_slot, name="book_slot"),
    path("appointments/book/details/", views.book_contact, name="book_contact"),
    path("appointments/book/done/", views.book_done, name="book_done"),
    path("appointments/status/", views.status_lookup, name="status_lookup"),
    path("appointments/status/<str:reference>/", views.status_detail, name="status_detail"),
    path("appointments/status/<str:reference>/cancel/", views.status_cancel, name="status_cancel"),
]
