"""How script facts read in Spanish and English: labels, numbers, dates, fallbacks.

Kept apart from the rules so a wording fix never touches matching. Written without
Babel on purpose: this module is pure and is used outside a request.
"""

from __future__ import annotations

from datetime import date

from portal.service_scripts.vocabulary import LANGUAGES

# Month names as one string each: twelve short words read better on one line.
MONTHS = {
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
    "en": "January February March April May June July August September October November December",
}

LABELS = {
    "es": {
        "standard": "Estándar",
        "silver": "Plata",
        "gold": "Oro",
        "platinum": "Platino",
        "sales": "Ventas",
        "billing": "Facturación",
        "support": "Soporte",
        "delivery": "Entregas",
        "returns": "Devoluciones",
        "loyalty": "Fidelización",
        "store": "tienda",
        "phone": "teléfono",
        "email": "correo electrónico",
        "chat": "chat",
        "web": "web",
        "champions": "Campeones",
        "loyal": "Leales",
        "potential_loyalist": "Leales en potencia",
        "new": "Nuevos",
        "promising": "Prometedores",
        "need_attention": "Necesitan atención",
        "about_to_sleep": "A punto de dormirse",
        "at_risk": "En riesgo",
        "cant_lose": "No podemos perderlos",
        "hibernating": "Hibernando",
        "lost": "Perdidos",
        "es": "español",
        "en": "inglés",
        "falling": "en descenso",
        "stable": "estable",
        "rising": "en aumento",
        "birthday": "cumpleaños",
        "customer_anniversary": "aniversario como cliente",
        "low": "bajo",
        "medium": "medio",
        "high": "alto",
    },
    "en": {
        "standard": "Standard",
        "silver": "Silver",
        "gold": "Gold",
        "platinum": "Platinum",
        "sales": "Sales",
        "billing": "Billing",
        "support": "Support",
        "delivery": "Delivery",
        "returns": "Returns",
        "loyalty": "Loyalty",
        "store": "store",
        "phone": "phone",
        "email": "e-mail",
        "chat": "chat",
        "web": "web",
        "champions": "Champions",
        "loyal": "Loyal",
        "potential_loyalist": "Potential loyalists",
        "new": "New",
        "promising": "Promising",
        "need_attention": "Need attention",
        "about_to_sleep": "About to sleep",
        "at_risk": "At risk",
        "cant_lose": "Can't lose them",
        "hibernating": "Hibernating",
        "lost": "Lost",
        "es": "Spanish",
        "en": "English",
        "falling": "falling",
        "stable": "stable",
        "rising": "rising",
        "birthday": "birthday",
        "customer_anniversary": "customer anniversary",
        "low": "low",
        "medium": "medium",
        "high": "high",
    },
}

# Spoken when a fact is missing. Each one fits the slot its placeholder is written
# in (see rules.py), so the sentence still reads naturally: "Hola, buenas." / "Hello,
# there."; dates follow "el" in Spanish and a preposition in English.
FALLBACKS = {
    "es": {
        "first_name": "buenas",
        "tier": "preferente",
        "points_expiring": "algunos de sus puntos",
        "expiry_date": "día que figura en su cuenta",
        "complaint_department": "otro de nuestros equipos",
        "low_satisfaction_department": "otro de nuestros equipos",
        "days_since_last_purchase": "un tiempo",
        "owner_name": "la persona que lleva su cuenta",
        "last_purchase_date": "último día que nos visitó",
        "years_as_customer": "mucho tiempo",
        "promise_description": "lo que acordamos en su última visita",
        "promise_due": "día acordado",
    },
    "en": {
        "first_name": "there",
        "tier": "valued",
        "points_expiring": "some of your points",
        "expiry_date": "the date shown in your account",
        "complaint_department": "another of our teams",
        "low_satisfaction_department": "another of our teams",
        "days_since_last_purchase": "a while",
        "owner_name": "the person who looks after your account",
        "last_purchase_date": "your last visit",
        "years_as_customer": "a long time",
        "promise_description": "what we agreed at your last visit",
        "promise_due": "the agreed date",
    },
}

# (singular, plural) nouns that travel with a count, so "1 punto" never reads "1 puntos".
NOUNS = {
    "es": {
        "point": ("punto", "puntos"),
        "day": ("día", "días"),
        "year": ("año", "años"),
        "purchase": ("compra", "compras"),
    },
    "en": {
        "point": ("point", "points"),
        "day": ("day", "days"),
        "year": ("year", "years"),
        "purchase": ("purchase", "purchases"),
    },
}

TEAM = {"es": "nuestro equipo de {}", "en": "our {} team"}


def normalise_language(code: str | None) -> str:
    """'es-ES' -> 'es'; anything unknown falls back to Spanish, the company's language."""
    short = (code or "").strip().lower()[:2]
    return short if short in LANGUAGES else LANGUAGES[0]


def pick(language: str, es: str, en: str) -> str:
    return es if language == "es" else en


def label(code: str | None, language: str) -> str:
    return LABELS[language].get(code or "", code or "")


def number(value: int, language: str) -> str:
    """1.200 in Spanish, 1,200 in English (the portal's house style for both)."""
    grouped = f"{value:,}"
    return grouped.replace(",", ".") if language == "es" else grouped


def count(value: int, noun: str, language: str) -> str:
    singular, plural = NOUNS[language][noun]
    return f"{number(value, language)} {singular if value == 1 else plural}"


def day_month(value: date, language: str, today: date | None = None) -> str:
    """12 de marzo / 12 March; the year only when it is not the current one."""
    month = MONTHS[language].split()[value.month - 1]
    text = f"{value.day} de {month}" if language == "es" else f"{value.day} {month}"
    if today is not None and value.year != today.year:
        text += f" de {value.year}" if language == "es" else f" {value.year}"
    return text


def team(department: str, language: str) -> str:
    return TEAM[language].format(label(department, language))


def days_ago(days: int, language: str) -> str:
    if days <= 0:
        return "hoy" if language == "es" else "today"
    if days == 1:
        return "ayer" if language == "es" else "yesterday"
    span = count(days, "day", language)
    return f"hace {span}" if language == "es" else f"{span} ago"


def days_ahead(days: int, language: str) -> str:
    """'hoy' / 'today', 'mañana' / 'tomorrow', 'en 3 días' / 'in 3 days'."""
    if days <= 0:
        return "hoy" if language == "es" else "today"
    if days == 1:
        return "mañana" if language == "es" else "tomorrow"
    span = count(days, "day", language)
    return f"en {span}" if language == "es" else f"in {span}"


# The ten commandments of customer management, by number, as the ten-commandments
# module titles its lessons (a test keeps the two in step).
COMMANDMENTS = {
    "es": {
        1: "Gánate mi confianza",
        2: "Inspírame",
        3: "Simplifícalo",
        4: "Déjame decidir",
        5: "Guíame",
        6: "24/7, por cualquier canal",
        7: "Conóceme",
        8: "Supera lo que espero",
        9: "Recompénsame",
        10: "Quédate conmigo",
    },
    "en": {
        1: "Earn my trust",
        2: "Inspire me",
        3: "Simplify it",
        4: "Put me in charge",
        5: "Guide me",
        6: "24/7, on any channel",
        7: "Know me",
        8: "Exceed my expectations",
        9: "Reward me",
        10: "Stay with me",
    },
}


def commandment(number: int, language: str) -> str:
    return COMMANDMENTS[language].get(number, str(number))
