from django.db.models import QuerySet

from fazhi.core.errors import NotFound

from .models import ApiToken


def token_list(*, user, params=None) -> QuerySet[ApiToken]:
    if not user.has_perm("exchange.manage_tokens"):
        return ApiToken.objects.none()
    return ApiToken.objects.select_related("region")


def token_get_for_user(*, user, id) -> ApiToken:
    token = token_list(user=user).filter(pk=id).first() if str(id).isdigit() else None
    if token is None:
        raise NotFound("令牌不存在")
    return token
