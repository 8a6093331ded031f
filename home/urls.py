from django.urls import path

from . import views

urlpatterns = [
    path("text-size/", views.text_size, name="text_size"),
]
