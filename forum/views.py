from django.shortcuts import render


def forum_index(request):
    return render(request, "forum/index.html")
