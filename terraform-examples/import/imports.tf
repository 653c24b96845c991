# Terraform 1.5+: adopt the apps already in watasu.yaml during plan and apply, instead of `terraform import`.
import {
  to = watasu_app.legacy
  id = "acme/legacy-app"
}

import {
  to = watasu_app_trust.legacy
  id = "legacy-app"
}
