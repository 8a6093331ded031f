from django.urls import path

from . import achievements_views, city_views, views

urlpatterns = [
    path("text-size/", views.text_size, name="text_size"),
    path("achievements/", achievements_views.achievements, name="achievements"),
    path("city/", city_views.city, name="city"),
    path("community/", views.choose_community, name="choose_community"),
    path("achievements.csv", achievements_views.achievements_csv, name="achievements_csv"),
]
