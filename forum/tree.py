"""Nest posts fetched flat in path order into a tree, and place a post on its page.

The thread page shows `READABLE_DEPTH` levels of replies; a post at the last level that has
replies of its own gets a "continue this thread" link to a page rooted at it, which shows it and
the next `READABLE_DEPTH - 1` levels. Pages split a root's direct replies `PER_PAGE` at a time.
"""

from dataclasses import dataclass, field

from django.conf import settings

from .models import SEGMENT, Post, segment

READABLE_DEPTH = getattr(settings, "FORUM_READABLE_DEPTH", 6)
PER_PAGE = getattr(settings, "FORUM_REPLIES_PER_PAGE", 20)


@dataclass
class Node:
    post: Post
    children: list["Node"] = field(default_factory=list)
    is_unread: bool = False
    continues: bool = False  # has replies shown only on its own "continue this thread" page


def build_tree(posts, *, root: Post | None = None, last_seen=None, viewer_id=None) -> list[Node]:
    """Nest `posts` (ordered by path). Returns the top nodes: the root's children, or for the
    thread page the opening post and the top-level replies."""
    limit = (root.depth if root else 0) + READABLE_DEPTH - (1 if root else 0)
    by_path: dict[str, Node] = {}
    top: list[Node] = []
    for post in posts:
        node = Node(
            post=post,
            is_unread=bool(
                last_seen and post.created_at > last_seen and post.author_id != viewer_id
            ),
            continues=post.depth >= limit and post.child_count > 0,
        )
        by_path[post.path] = node
        parent = by_path.get(post.path[:-SEGMENT])
        if root is not None and post.pk == root.pk:
            top.append(node)
        elif parent is not None:
            parent.children.append(node)
        elif root is None:
            top.append(node)
    return top


def page_count(children: int) -> int:
    return max(1, -(-children // PER_PAGE))


def anchor_depth(depth: int) -> int:
    """The depth of the post whose "continue" page shows a post at `depth` (0: thread page)."""
    if depth <= READABLE_DEPTH:
        return 0
    step = READABLE_DEPTH - 1
    return 1 + ((depth - 2) // step) * step


def place(post: Post) -> tuple[str | None, int]:
    """(path of the continue-page root or None for the thread page, page number) for a post."""
    anchor = anchor_depth(post.depth)
    if post.path == segment(0):
        return None, 1
    if anchor == 0:
        return None, -(-post.segment_at(1) // PER_PAGE)
    if anchor == post.depth:
        return post.path, 1
    return post.ancestor_path(anchor), -(-post.segment_at(anchor + 1) // PER_PAGE)
