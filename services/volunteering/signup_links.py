"""Sending a volunteer their sign-up link again, by mobile number and event.

The link is a key to the sign-up (it can cancel it), so it is never shown to whoever fills
in this form: it is texted to the number that signed up, and the page says the same thing
whether or not that number is signed up, so the form cannot be used to learn who is.
Requests are rate-limited by address and by number, since each one may text a resident.
"""

from home import ratelimit

from .forms import RATE_LIMITED_MESSAGE, FindSignupForm, refuse_if_limited
from .models.signups import VolunteerSignup, send_link_after_commit


def find_signup(event_page, request):
    form = FindSignupForm()
    sent = False
    if request.method == "POST":
        form = FindSignupForm(request.POST)
        if not refuse_if_limited(form, "volunteer-link-ip", request) and form.is_valid():
            mobile = form.cleaned_data["mobile"]
            event = event_page.signup_event
            if ratelimit.hit("volunteer-link-mobile", f"{event.pk}:{mobile}"):
                form.add_error(None, RATE_LIMITED_MESSAGE)
            else:
                signup = (
                    VolunteerSignup.objects.active()
                    .filter(event=event, mobile=mobile, anonymised=False)
                    .first()
                )
                if signup is not None:
                    send_link_after_commit(signup)
                sent = True
    response = event_page.render(
        request,
        template="services/volunteering/find_signup.html",
        context_overrides={"form": form, "sent": sent},
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
