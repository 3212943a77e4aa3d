"""Words the demo company is made of: names, stores, and the short texts employees and
customers write. Pure data; lists are ordered from most to least common, so a Zipf
weight over the position gives realistic frequencies (many Garcías, few Ibáñez)."""

from __future__ import annotations

COMPANY = "Alameda Hogar y Servicios"

# (team name, city, relative size of its customer base)
TEAMS = (
    ("Madrid Centro", "Madrid", 1.6),
    ("Barcelona Eixample", "Barcelona", 1.4),
    ("Valencia Ruzafa", "Valencia", 1.0),
    ("Sevilla Triana", "Sevilla", 0.9),
    ("Bilbao Abando", "Bilbao", 0.8),
    ("Zaragoza Delicias", "Zaragoza", 0.7),
)
TEAM_SIZES = (12, 11, 10, 9, 9, 9)  # people per team, manager included: 60 in all

MALE = (
    "Antonio", "José", "Manuel", "Francisco", "David", "Juan", "Javier", "José Luis",
    "Daniel", "Carlos", "Jesús", "Alejandro", "Miguel", "José Antonio", "Rafael", "Pablo",
    "Pedro", "Ángel", "Sergio", "Fernando", "Jorge", "Luis", "Alberto", "Álvaro", "Adrián",
    "Diego", "Raúl", "Iván", "Rubén", "Óscar", "Andrés", "Ramón", "Joaquín", "Enrique",
    "Víctor", "Hugo", "Mario", "Íñigo", "Martín", "Lucas", "Gonzalo", "Jaime", "Joan",
    "Jordi", "Xabier", "Nicolás", "Ignacio", "Tomás", "Emilio", "Agustín",
)  # fmt: skip
FEMALE = (
    "María Carmen", "María", "Carmen", "Ana María", "Laura", "María Pilar", "Isabel",
    "María Dolores", "Ana", "Cristina", "Marta", "Lucía", "Josefa", "Sara", "Paula",
    "Elena", "Raquel", "Rosa María", "Pilar", "Concepción", "Mercedes", "Nuria", "Beatriz",
    "Silvia", "Irene", "Julia", "Patricia", "Alba", "Andrea", "Sofía", "Marina", "Rocío",
    "Inés", "Begoña", "Ainhoa", "Montserrat", "Noelia", "Verónica", "Ángela", "Eva",
    "Claudia", "Lourdes", "Aitana", "Nerea", "Mónica", "Yolanda", "Susana", "Maite",
    "Leire", "Àngels",
)  # fmt: skip
SURNAMES = (
    "García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez",
    "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz",
    "Álvarez", "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez",
    "Vázquez", "Ramos", "Gil", "Ramírez", "Serrano", "Blanco", "Molina", "Morales",
    "Suárez", "Ortega", "Delgado", "Castro", "Ortiz", "Rubio", "Marín", "Sanz", "Núñez",
    "Iglesias", "Medina", "Garrido", "Cortés", "Castillo", "Santos", "Lozano", "Guerrero",
    "Cano", "Prieto", "Méndez", "Cruz", "Calvo", "Gallego", "Vidal", "León", "Márquez",
    "Herrera", "Peña", "Flores", "Cabrera", "Campos", "Vega", "Fuentes", "Carrasco",
    "Díez", "Caballero", "Reyes", "Nieto", "Aguilar", "Pascual", "Santana", "Herrero",
    "Lorenzo", "Montero", "Hidalgo", "Giménez", "Ibáñez", "Ferrer", "Durán", "Santiago",
    "Benítez", "Mora", "Vicente", "Vargas", "Arias", "Carmona", "Crespo", "Román",
    "Pastor", "Soto", "Sáez", "Velasco", "Moya", "Soler", "Parra", "Esteban", "Bravo",
    "Gallardo", "Rojas", "Pardo", "Merino", "Franco", "Espinosa", "Izquierdo", "Lara",
    "Rivas", "Silva", "Rivera", "Casado", "Arroyo", "Redondo", "Camacho", "Rey", "Vera",
    "Otero", "Luque", "Galán", "Montes", "Ríos", "Sierra", "Segura", "Carrillo", "Marcos",
    "Soriano", "Mendoza", "Quintana", "Zamora", "Beltrán", "Ordóñez", "Chacón", "Peláez",
    "Ochoa", "Villanueva", "Valverde", "Echeverría", "Aguirre", "Urrutia", "Puig",
    "Goikoetxea", "de la Fuente", "de la Cruz", "Muñiz", "Báez", "Castañeda", "Tomàs",
)  # fmt: skip
ENGLISH_FIRST = (
    "James", "Emily", "Oliver", "Sophie", "Thomas", "Charlotte", "William", "Hannah",
    "George", "Jessica", "Sarah", "Michael", "Emma", "Jack", "Olivia", "Harry", "Amelia",
    "Chloe", "Matthew", "Grace", "Daniel", "Lucy", "Peter", "Rachel",
)  # fmt: skip
ENGLISH_SURNAMES = (
    "Smith", "Jones", "Williams", "Brown", "Taylor", "Davies", "Wilson", "Evans",
    "Thomas", "Johnson", "Roberts", "Walker", "Wright", "Robinson", "Thompson", "White",
    "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Clarke", "Murphy", "O'Brien",
    "McCarthy", "Kelly", "Baker",
)  # fmt: skip

EMAIL_DOMAINS = (
    "gmail.com", "hotmail.com", "yahoo.es", "outlook.es", "hotmail.es", "telefonica.net",
    "icloud.com", "movistar.es", "gmail.com", "orange.es",
)  # fmt: skip

INTERESTS = (
    "hogar", "tecnología", "cocina", "jardín", "deporte", "viajes", "niños", "mascotas",
    "bricolaje", "salud y belleza", "música", "lectura",
)  # fmt: skip

PRIVILEGES = (
    ("Envío e instalación gratuitos", "Sin coste en pedidos a domicilio."),
    ("Acceso anticipado a rebajas", "Dos días antes de la campaña."),
    ("Gestor personal", "Llamar siempre desde la tienda de referencia."),
    ("Ampliación de garantía", "Un año más en electrodomésticos."),
    ("Aparcamiento gratuito", None),
    ("Invitación a eventos", "Presentaciones de producto y talleres."),
    ("Descuento del 10 % en servicios", "Montaje, mantenimiento y reparaciones."),
)

INTERACTION_NOTES = {
    "enquiry": (
        "Pregunta por el plazo de entrega del sofá.",
        "Consulta disponibilidad de la lavadora en su talla de tienda.",
        "Quiere saber si el descuento de socio se suma a la promoción.",
        "Pregunta por el horario de la tienda en festivos.",
        "Asks whether the warranty covers accidental damage.",
    ),
    "sale": (
        "Compra cocina completa; pide presupuesto de montaje.",
        "Renueva el contrato de mantenimiento anual.",
        "Se lleva el frigorífico de exposición con descuento.",
        "Bought the extended warranty after comparing options.",
    ),
    "service": (
        "Cambio de dirección de entrega.",
        "Alta en el programa de puntos.",
        "Actualiza el teléfono de contacto y las preferencias.",
        "Cita para revisión de la caldera.",
        "Requested an invoice copy by e-mail.",
    ),
    "complaint": (
        "Reclama por retraso en la entrega; segunda vez este mes.",
        "Cobro duplicado en la tarjeta.",
        "El técnico no se presentó a la cita.",
        "Producto llegó con un golpe en la puerta.",
        "Unhappy with how the return was handled in store.",
    ),
    "follow_up": (
        "Llamada de seguimiento tras la instalación: todo correcto.",
        "Confirmo con el cliente que recibió el abono.",
        "Seguimiento de la reclamación; sigue pendiente de respuesta.",
        "Follow-up call: customer satisfied with the replacement.",
    ),
    "advice": (
        "Asesoramiento sobre eficiencia energética de electrodomésticos.",
        "Le recomiendo el plan de mantenimiento según su uso.",
        "Ideas de reforma para cocina pequeña.",
        "Explained how to redeem points online.",
    ),
}

COMPLAINT_SUMMARIES = {
    "sales": ("Precio distinto en caja y en la etiqueta.", "Promoción no aplicada."),
    "billing": ("Cobro duplicado.", "Factura con datos incorrectos.", "Recargo no explicado."),
    "support": ("El técnico no acudió a la cita.", "Avería repetida tras la reparación."),
    "delivery": ("Entrega con retraso.", "Producto dañado en el transporte.", "Falta una pieza."),
    "returns": ("Devolución rechazada sin explicación.", "Abono de la devolución sin llegar."),
    "loyalty": ("Puntos no sumados.", "Vale de puntos caducado sin aviso."),
}

PROMISE_TEXTS = {
    "call_back": (
        "Llamar para confirmar la nueva fecha.",
        "Devolver la llamada con la respuesta del técnico.",
    ),
    "refund": ("Tramitar el abono del cobro duplicado.", "Reembolsar la diferencia de precio."),
    "delivery": ("Entregar la pieza que faltaba.", "Cambiar el producto dañado a domicilio."),
    "visit": ("Visita del técnico para revisar la instalación.", "Medir la cocina en casa."),
    "other": ("Enviar el presupuesto por correo.", "Reservar el modelo en exposición."),
}

# Survey comments by mood and language.
COMMENTS = {
    ("good", "es"): (
        "Muy buena atención, rápida y amable.",
        "Me resolvieron todo a la primera.",
        "Da gusto que te conozcan por tu nombre.",
        "El montador fue puntual y dejó todo limpio.",
        "Repetiré, como siempre.",
    ),
    ("good", "en"): (
        "Friendly staff and quick service.",
        "Sorted out in one call, thank you.",
        "They remembered my last order, nice touch.",
    ),
    ("mid", "es"): (
        "Correcto, aunque tardaron en atenderme.",
        "Bien, pero el proceso es algo lento.",
        "Ni bien ni mal.",
    ),
    ("mid", "en"): ("Fine, but it took a while.", "OK overall."),
    ("bad", "es"): (
        "Nadie me llamó como me prometieron.",
        "Tuve que explicar el problema tres veces.",
        "La entrega llegó tarde y sin avisar.",
        "Me cobraron dos veces y nadie da la cara.",
        "Me han pasado de un departamento a otro.",
    ),
    ("bad", "en"): (
        "Nobody called back as promised.",
        "Had to repeat my problem to three people.",
        "Delivery was late and nobody warned me.",
    ),
}
