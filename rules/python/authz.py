from django.core.exceptions import PermissionDenied


def delete_invoice(request, invoice):
    # ruleid: python-assert-for-authorization
    assert request.user.has_perm("billing.delete_invoice")
    invoice.delete()


def admin_dashboard(user):
    # ruleid: python-assert-for-authorization
    assert user.is_authenticated and user.is_staff, "admins only"
    return render_dashboard(user)


def edit_post(user, post):
    # ruleid: python-assert-for-authorization
    assert post.author_id == user.id or user.is_superuser
    return post


def delete_invoice_safe(request, invoice):
    # ok: python-assert-for-authorization
    if not request.user.has_perm("billing.delete_invoice"):
        raise PermissionDenied
    invoice.delete()


def paginate(items, page_size):
    # ok: python-assert-for-authorization
    assert page_size > 0, "page_size must be positive"
    return [items[i : i + page_size] for i in range(0, len(items), page_size)]


def normalise(user_id):
    # ok: python-assert-for-authorization
    assert isinstance(user_id, int)
    return user_id


def render_dashboard(user):
    return user
