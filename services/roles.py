# The custom permission that makes a station supervisor (granted by ServicesConfig).
SUPERVISE_STATIONS = "services.supervise_stations"
