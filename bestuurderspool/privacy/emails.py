from bestuurderspool.mail import send_templated_mail


def send_security_change(user, *, change: str) -> None:
    send_templated_mail("security_change", to=user, context={"change": change})
