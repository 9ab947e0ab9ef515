package io.polyclinic.devdata;

import java.util.List;

/** The fixed part of the demo data: real cities with their coordinates and IANA zones, and specialties. */
final class DemoCatalog {

    private DemoCatalog() {}

    record DemoClinic(String name, String address, String city, double lat, double lon, String zone, String phone) {}

    record DemoSpecialty(String code, String nameRu, String nameEn) {}

    static final List<DemoClinic> CLINICS = List.of(
            new DemoClinic(
                    "Поликлиника «Арбат»",
                    "ул. Арбат, 20",
                    "Москва",
                    55.7520,
                    37.5925,
                    "Europe/Moscow",
                    "+7 495 100-00-01"),
            new DemoClinic(
                    "Поликлиника «Таганская»",
                    "ул. Таганская, 31",
                    "Москва",
                    55.7395,
                    37.6600,
                    "Europe/Moscow",
                    "+7 495 100-00-02"),
            new DemoClinic(
                    "Клиника «Невский»",
                    "Невский пр., 88",
                    "Санкт-Петербург",
                    59.9311,
                    30.3609,
                    "Europe/Moscow",
                    "+7 812 100-00-03"),
            new DemoClinic(
                    "Клиника «Петроградская»",
                    "Каменноостровский пр., 42",
                    "Санкт-Петербург",
                    59.9660,
                    30.3110,
                    "Europe/Moscow",
                    "+7 812 100-00-04"),
            new DemoClinic(
                    "Медцентр «Казань»",
                    "ул. Баумана, 44",
                    "Казань",
                    55.7887,
                    49.1221,
                    "Europe/Moscow",
                    "+7 843 100-00-05"),
            new DemoClinic(
                    "Медцентр «Урал»",
                    "пр. Ленина, 50",
                    "Екатеринбург",
                    56.8389,
                    60.6057,
                    "Asia/Yekaterinburg",
                    "+7 343 100-00-06"),
            new DemoClinic(
                    "Клиника «Сибирь»",
                    "Красный пр., 25",
                    "Новосибирск",
                    55.0302,
                    82.9204,
                    "Asia/Novosibirsk",
                    "+7 383 100-00-07"),
            new DemoClinic(
                    "Клиника «Золотой Рог»",
                    "Светланская ул., 33",
                    "Владивосток",
                    43.1155,
                    131.8855,
                    "Asia/Vladivostok",
                    "+7 423 100-00-08"),
            new DemoClinic(
                    "Клиника «Балтика»",
                    "Ленинский пр., 30",
                    "Калининград",
                    54.7104,
                    20.4522,
                    "Europe/Kaliningrad",
                    "+7 401 100-00-09"),
            new DemoClinic(
                    "Медцентр «Волга»",
                    "ул. Куйбышева, 90",
                    "Самара",
                    53.1959,
                    50.1002,
                    "Europe/Samara",
                    "+7 846 100-00-10"),
            new DemoClinic(
                    "Клиника «Енисей»",
                    "пр. Мира, 10",
                    "Красноярск",
                    56.0153,
                    92.8932,
                    "Asia/Krasnoyarsk",
                    "+7 391 100-00-11"),
            new DemoClinic(
                    "Клиника «Иртыш»", "ул. Ленина, 12", "Омск", 54.9885, 73.3242, "Asia/Omsk", "+7 381 100-00-12"),
            new DemoClinic(
                    "Медцентр «Нижний»",
                    "Большая Покровская ул., 15",
                    "Нижний Новгород",
                    56.3269,
                    44.0059,
                    "Europe/Moscow",
                    "+7 831 100-00-13"),
            new DemoClinic(
                    "Клиника «Дон»",
                    "Большая Садовая ул., 47",
                    "Ростов-на-Дону",
                    47.2357,
                    39.7015,
                    "Europe/Moscow",
                    "+7 863 100-00-14"),
            new DemoClinic(
                    "Клиника «Байкал»",
                    "ул. Карла Маркса, 26",
                    "Иркутск",
                    52.2870,
                    104.3050,
                    "Asia/Irkutsk",
                    "+7 395 100-00-15"),
            new DemoClinic(
                    "Медцентр «Амур»",
                    "ул. Муравьёва-Амурского, 18",
                    "Хабаровск",
                    48.4802,
                    135.0719,
                    "Asia/Vladivostok",
                    "+7 421 100-00-16"),
            new DemoClinic(
                    "Клиника «Алатау»", "пр. Абая, 52", "Алматы", 43.2389, 76.8897, "Asia/Almaty", "+7 727 100-00-17"),
            new DemoClinic(
                    "Клиника «Немига»",
                    "пр. Независимости, 40",
                    "Минск",
                    53.9006,
                    27.5590,
                    "Europe/Minsk",
                    "+375 17 100-00-18"),
            new DemoClinic(
                    "Clinic Rustaveli",
                    "Rustaveli Ave 24",
                    "Tbilisi",
                    41.7151,
                    44.8271,
                    "Asia/Tbilisi",
                    "+995 32 100 00 19"),
            new DemoClinic(
                    "Clinic Republic Square",
                    "Abovyan St 8",
                    "Yerevan",
                    40.1792,
                    44.4991,
                    "Asia/Yerevan",
                    "+374 10 100019"),
            new DemoClinic(
                    "Praxis Mitte",
                    "Friedrichstraße 120",
                    "Berlin",
                    52.5200,
                    13.4050,
                    "Europe/Berlin",
                    "+49 30 1000020"),
            new DemoClinic(
                    "Клиника «Кама»",
                    "ул. Ленина, 60",
                    "Пермь",
                    58.0105,
                    56.2502,
                    "Asia/Yekaterinburg",
                    "+7 342 100-00-22"));

    static final List<DemoSpecialty> SPECIALTIES = List.of(
            new DemoSpecialty("therapy", "Терапевт", "General practitioner"),
            new DemoSpecialty("cardiology", "Кардиолог", "Cardiologist"),
            new DemoSpecialty("neurology", "Невролог", "Neurologist"),
            new DemoSpecialty("dermatology", "Дерматолог", "Dermatologist"),
            new DemoSpecialty("ophthalmology", "Офтальмолог", "Ophthalmologist"),
            new DemoSpecialty("otolaryngology", "Оториноларинголог (ЛОР)", "Otolaryngologist (ENT)"),
            new DemoSpecialty("pediatrics", "Педиатр", "Pediatrician"),
            new DemoSpecialty("gynecology", "Гинеколог", "Gynecologist"),
            new DemoSpecialty("urology", "Уролог", "Urologist"),
            new DemoSpecialty("endocrinology", "Эндокринолог", "Endocrinologist"),
            new DemoSpecialty("gastroenterology", "Гастроэнтеролог", "Gastroenterologist"),
            new DemoSpecialty("orthopedics", "Травматолог-ортопед", "Orthopedic surgeon"),
            new DemoSpecialty("psychiatry", "Психиатр", "Psychiatrist"),
            new DemoSpecialty("dentistry", "Стоматолог", "Dentist"),
            new DemoSpecialty("allergology", "Аллерголог", "Allergist"),
            new DemoSpecialty("pulmonology", "Пульмонолог", "Pulmonologist"),
            new DemoSpecialty("rheumatology", "Ревматолог", "Rheumatologist"),
            new DemoSpecialty("surgery", "Хирург", "Surgeon"));
}
