app_name = "vergaderingen"

urlpatterns: list = []
