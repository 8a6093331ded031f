from django.urls import path

from . import achievements_views, views

urlpatterns = [
    path("text-size/", views.text_size, name="text_size"),
    path("achievements/", achievements_views.achievements, name="achievements"),
    path("achievements.csv", achievements_views.achievements_csv, name="achievements_csv"),
]
