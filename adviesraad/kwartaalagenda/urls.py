app_name = "kwartaalagenda"

urlpatterns: list = []
