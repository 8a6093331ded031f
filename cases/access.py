"""Which cases and work orders a signed-in user may see (the admin's scoping).

Like the service stations' queues: anything outside a user's scope is a 404, not a 403, so
that guessing numbers tells nothing.
"""

from django.db.models import Q

from .roles import HANDLE_ALL_CASES


def handles_all_cases(user):
    return user.is_active and (user.is_superuser or user.has_perm(HANDLE_ALL_CASES))


def communities_handled_by(user):
    """Translation keys of the communities whose cases `user` handles."""
    from .models import CaseTeamMember

    return CaseTeamMember.objects.filter(user=user).values("community__translation_key")


def firms_of(user):
    """Translation keys of the firms `user` is a contact of."""
    from .models import FirmContact

    return FirmContact.objects.filter(user=user).values("firm__translation_key")


def is_case_staff(user):
    if not user.is_active:
        return False
    if handles_all_cases(user):
        return True
    return user.case_teams.exists()


def is_firm_contact(user):
    return user.is_active and user.firm_contacts.exists()


def cases_visible_to(user, queryset=None):
    """Cases the user handles as community staff (firm contacts see work orders, not cases)."""
    from .models import Case

    queryset = Case.objects.all() if queryset is None else queryset
    if not user.is_active:
        return queryset.none()
    if handles_all_cases(user):
        return queryset
    return queryset.filter(community__translation_key__in=communities_handled_by(user))


def work_orders_visible_to(user, queryset=None):
    """Work orders a user may see: staff see their cases'; a firm contact only its firm's,
    and only for compounds the firm still serves."""
    from .models import WorkOrder

    queryset = WorkOrder.objects.all() if queryset is None else queryset
    if not user.is_active:
        return queryset.none()
    if handles_all_cases(user):
        return queryset
    firms = firms_of(user)
    as_firm = Q(firm__translation_key__in=firms) & Q(
        case__compound__property_firm__translation_key__in=firms
    )
    as_staff = Q(case__community__translation_key__in=communities_handled_by(user))
    return queryset.filter(as_firm | as_staff)
