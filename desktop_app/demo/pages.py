"""HTML pages the demo server sends where a client hopes for JSON.

Agents' offices sit behind proxies and hotel-style captive portals; the old Java
server answers unknown URLs with its container's error page. A robust client must take
all of these as "the server was not reached".
"""

from __future__ import annotations

BAD_GATEWAY = """<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx/1.14.2</center>
</body>
</html>
"""

PORTAL_LOGIN = """<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>上网认证</title></head>
<body>
<h2>欢迎使用公司无线网络</h2>
<p>请先登录后再访问互联网。</p>
<form method="post" action="/portal/login">
  <label>账号 <input name="username"></label>
  <label>密码 <input name="password" type="password"></label>
  <button type="submit">登录</button>
</form>
</body>
</html>
"""

NOT_FOUND = """<!DOCTYPE html>
<html><head><title>Apache Tomcat/7.0.47 - Error report</title></head>
<body><h1>HTTP Status 404 - {path}</h1><hr>
<p><b>type</b> Status report</p><p><b>message</b> <u>{path}</u></p>
<p><b>description</b> <u>The requested resource is not available.</u></p>
<hr><h3>Apache Tomcat/7.0.47</h3></body></html>
"""
