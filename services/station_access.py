"""Who may handle which station's appointment requests.

Requests hold residents' names, mobiles and addresses, so each member of the station-staff
group handles only the stations that list them as staff (`ServiceStation.staff`). Users with
the `supervise_stations` permission (the group 服务站主管, and superusers) handle every
station's requests and choose each station's staff. Both are further kept to their
communities (home/community_scope.py): a supervisor of community A sees none of B's stations.
Anyone else gets no appointment views at
all, whatever model permissions they hold.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from home.community_scope import scoped
from home.roles import STATION_STAFF, STATION_SUPERVISORS

from .roles import SUPERVISE_STATIONS

_CACHE_ATTR = "_hemei_station_staff_member"


def sees_every_station(user):
    return user.is_authenticated and user.is_active and user.has_perm(SUPERVISE_STATIONS)


def handles_appointments(user):
    """May open the appointment admin at all (it may still show them no station)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if sees_every_station(user):
        return True
    if not hasattr(user, _CACHE_ATTR):
        setattr(user, _CACHE_ATTR, user.groups.filter(name=STATION_STAFF).exists())
    return getattr(user, _CACHE_ATTR)


def stations_handled_by(user):
    from .models import ServiceStation

    if not handles_appointments(user):
        return ServiceStation.objects.none()
    if sees_every_station(user):
        return scoped(ServiceStation.objects.sources(), user)
    return scoped(ServiceStation.objects.filter(staff=user), user)


def stations_edited_by(user):
    """Station rows, in every language, that `user` may see and edit in the admin.

    Scoped like the requests: supervisors (and superusers) edit every station, station staff
    only the stations that list them (and those stations' translations), anyone else none.
    """
    from .models import ServiceStation

    if not handles_appointments(user):
        return ServiceStation.objects.none()
    if sees_every_station(user):
        return scoped(ServiceStation.objects.all(), user)
    own = ServiceStation.objects.filter(staff=user).values("translation_key")
    return scoped(ServiceStation.objects.filter(translation_key__in=own), user)


def appointments_handled_by(user, queryset=None):
    from .models import Appointment

    queryset = Appointment.objects.all() if queryset is None else queryset
    if not handles_appointments(user):
        return queryset.none()
    if sees_every_station(user):
        return scoped(queryset, user)
    return scoped(queryset.filter(station__staff=user), user)


def assignable_staff(station):
    """Users a request of `station` can be assigned to: its own staff and the supervisors."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(groups__name=STATION_STAFF, service_stations=station)
            | Q(groups__name=STATION_SUPERVISORS)
        )
        .distinct()
        .order_by("username")
    )


def supervisors():
    return get_user_model().objects.filter(is_active=True, groups__name=STATION_SUPERVISORS)
