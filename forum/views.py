from django.shortcuts import redirect, render


def forum_index(request):
    return render(request, "forum/index.html")


def article_thread(request, number):
    return redirect("forum:index")
