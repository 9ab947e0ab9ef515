package io.polyclinic.devdata;

import java.util.List;

/**
 * Real cities for the large demo data set: centre coordinates, IANA zone and a weight (roughly the population in
 * 100,000s), which decides how many of the clinics each city gets. Cities where clinics are named in Russian come
 * first; the others get English clinic names and doctors.
 */
public final class DemoCities {

    private DemoCities() {}

    /**
     * A city.
     *
     * @param lat the centre's latitude in degrees
     * @param lon the centre's longitude in degrees
     * @param zone its IANA time zone
     * @param weight roughly its population in 100,000s
     *
     * @param russian whether its clinics and most of its doctors have Russian names
     */
    public record City(String name, double lat, double lon, String zone, int weight, boolean russian) {}

    private static City ru(String name, double lat, double lon, String zone, int weight) {
        return new City(name, lat, lon, zone, weight, true);
    }

    private static City en(String name, double lat, double lon, String zone, int weight) {
        return new City(name, lat, lon, zone, weight, false);
    }

    public static final List<City> ALL = List.of(
            ru("Москва", 55.7558, 37.6173, "Europe/Moscow", 130),
            ru("Санкт-Петербург", 59.9343, 30.3351, "Europe/Moscow", 54),
            ru("Новосибирск", 55.0084, 82.9357, "Asia/Novosibirsk", 16),
            ru("Екатеринбург", 56.8389, 60.6057, "Asia/Yekaterinburg", 15),
            ru("Казань", 55.7961, 49.1064, "Europe/Moscow", 13),
            ru("Нижний Новгород", 56.2965, 43.9361, "Europe/Moscow", 12),
            ru("Красноярск", 56.0153, 92.8932, "Asia/Krasnoyarsk", 12),
            ru("Челябинск", 55.1644, 61.4368, "Asia/Yekaterinburg", 12),
            ru("Самара", 53.1959, 50.1002, "Europe/Samara", 12),
            ru("Уфа", 54.7388, 55.9721, "Asia/Yekaterinburg", 11),
            ru("Ростов-на-Дону", 47.2357, 39.7015, "Europe/Moscow", 11),
            ru("Омск", 54.9885, 73.3242, "Asia/Omsk", 11),
            ru("Краснодар", 45.0355, 38.9753, "Europe/Moscow", 10),
            ru("Воронеж", 51.6720, 39.1843, "Europe/Moscow", 10),
            ru("Пермь", 58.0105, 56.2502, "Asia/Yekaterinburg", 10),
            ru("Волгоград", 48.7080, 44.5133, "Europe/Volgograd", 10),
            ru("Саратов", 51.5331, 46.0342, "Europe/Saratov", 8),
            ru("Тюмень", 57.1522, 65.5272, "Asia/Yekaterinburg", 8),
            ru("Тольятти", 53.5303, 49.3461, "Europe/Samara", 7),
            ru("Ижевск", 56.8526, 53.2045, "Europe/Samara", 6),
            ru("Барнаул", 53.3474, 83.7788, "Asia/Barnaul", 6),
            ru("Ульяновск", 54.3142, 48.4031, "Europe/Ulyanovsk", 6),
            ru("Иркутск", 52.2870, 104.3050, "Asia/Irkutsk", 6),
            ru("Хабаровск", 48.4802, 135.0719, "Asia/Vladivostok", 6),
            ru("Махачкала", 42.9849, 47.5047, "Europe/Moscow", 6),
            ru("Ярославль", 57.6261, 39.8845, "Europe/Moscow", 6),
            ru("Владивосток", 43.1155, 131.8855, "Asia/Vladivostok", 6),
            ru("Оренбург", 51.7682, 55.0970, "Asia/Yekaterinburg", 5),
            ru("Томск", 56.4846, 84.9482, "Asia/Tomsk", 5),
            ru("Кемерово", 55.3547, 86.0873, "Asia/Novokuznetsk", 5),
            ru("Новокузнецк", 53.7557, 87.1099, "Asia/Novokuznetsk", 5),
            ru("Рязань", 54.6269, 39.6916, "Europe/Moscow", 5),
            ru("Астрахань", 46.3479, 48.0336, "Europe/Astrakhan", 5),
            ru("Пенза", 53.1959, 45.0183, "Europe/Moscow", 5),
            ru("Киров", 58.6036, 49.6680, "Europe/Kirov", 5),
            ru("Липецк", 52.6031, 39.5708, "Europe/Moscow", 5),
            ru("Калининград", 54.7104, 20.4522, "Europe/Kaliningrad", 5),
            ru("Тула", 54.1931, 37.6173, "Europe/Moscow", 5),
            ru("Чебоксары", 56.1439, 47.2489, "Europe/Moscow", 5),
            ru("Курск", 51.7304, 36.1926, "Europe/Moscow", 4),
            ru("Ставрополь", 45.0428, 41.9734, "Europe/Moscow", 4),
            ru("Сочи", 43.5855, 39.7231, "Europe/Moscow", 4),
            ru("Улан-Удэ", 51.8335, 107.5841, "Asia/Irkutsk", 4),
            ru("Тверь", 56.8587, 35.9176, "Europe/Moscow", 4),
            ru("Магнитогорск", 53.4072, 58.9791, "Asia/Yekaterinburg", 4),
            ru("Брянск", 53.2521, 34.3717, "Europe/Moscow", 4),
            ru("Иваново", 57.0004, 40.9739, "Europe/Moscow", 4),
            ru("Белгород", 50.5997, 36.5983, "Europe/Moscow", 4),
            ru("Сургут", 61.2540, 73.3962, "Asia/Yekaterinburg", 4),
            ru("Владимир", 56.1291, 40.4066, "Europe/Moscow", 3),
            ru("Архангельск", 64.5399, 40.5152, "Europe/Moscow", 3),
            ru("Чита", 52.0339, 113.4994, "Asia/Chita", 3),
            ru("Смоленск", 54.7826, 32.0453, "Europe/Moscow", 3),
            ru("Калуга", 54.5293, 36.2754, "Europe/Moscow", 3),
            ru("Мурманск", 68.9585, 33.0827, "Europe/Moscow", 3),
            ru("Якутск", 62.0355, 129.6755, "Asia/Yakutsk", 3),
            ru("Петрозаводск", 61.7849, 34.3469, "Europe/Moscow", 3),
            ru("Кострома", 57.7679, 40.9269, "Europe/Moscow", 3),
            ru("Южно-Сахалинск", 46.9591, 142.7380, "Asia/Sakhalin", 2),
            ru("Петропавловск-Камчатский", 53.0452, 158.6483, "Asia/Kamchatka", 2),
            ru("Магадан", 59.5612, 150.8301, "Asia/Magadan", 1),
            ru("Минск", 53.9006, 27.5590, "Europe/Minsk", 20),
            ru("Алматы", 43.2389, 76.8897, "Asia/Almaty", 20),
            ru("Астана", 51.1694, 71.4491, "Asia/Almaty", 12),
            ru("Ташкент", 41.2995, 69.2401, "Asia/Tashkent", 25),
            ru("Бишкек", 42.8746, 74.5698, "Asia/Bishkek", 10),
            en("Tbilisi", 41.7151, 44.8271, "Asia/Tbilisi", 11),
            en("Yerevan", 40.1792, 44.4991, "Asia/Yerevan", 11),
            en("Baku", 40.4093, 49.8671, "Asia/Baku", 20),
            en("Riga", 56.9496, 24.1052, "Europe/Riga", 6),
            en("Vilnius", 54.6872, 25.2797, "Europe/Vilnius", 5),
            en("Tallinn", 59.4370, 24.7536, "Europe/Tallinn", 4),
            en("Berlin", 52.5200, 13.4050, "Europe/Berlin", 36),
            en("London", 51.5074, -0.1278, "Europe/London", 40),
            en("Dubai", 25.2048, 55.2708, "Asia/Dubai", 30),
            en("Toronto", 43.6532, -79.3832, "America/Toronto", 27),
            en("New York", 40.7128, -74.0060, "America/New_York", 40));
}
