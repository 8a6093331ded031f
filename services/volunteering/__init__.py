"""The compound-steward volunteer team (小区管家志愿服务队), a feature of the services app.

Its models keep the `services` app label (and so its tables, migrations and content types);
`services.models` imports them from `services.volunteering.models`.
"""
