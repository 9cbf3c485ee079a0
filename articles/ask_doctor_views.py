"""Ask-the-doctor views (issue 5)."""

from django.shortcuts import get_object_or_404, render

from .models import Article


def ask_doctor_home(request):
    return render(request, "articles/ask_doctor/home.html")


def ask_doctor_ask(request, number):
    article = get_object_or_404(Article.objects.public(), number=number)
    return render(request, "articles/ask_doctor/home.html", {"article": article})
