VALID_CONTACT = {
    "requester_name": "王小明",
    "requester_phone": "13812345678",
    "booking_for": "self",
    "priority_group": "none",
    "consent": "on",
}


def choose_service(client, offering, mode="station"):
    response = client.post("/appointments/book/", {"offering": offering.pk, "mode": mode})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def choose_slot(client, slot):
    response = client.post("/appointments/book/time/", {"slot": slot.pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def book(client, offering, slot, mode="station", **contact):
    choose_service(client, offering, mode)
    choose_slot(client, slot)
    return client.post("/appointments/book/details/", {**VALID_CONTACT, **contact})
