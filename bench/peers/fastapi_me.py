"""The peer a Python team would write instead: /api/v1/me in FastAPI + PyJWT, as their documentation shows it.

Same contract as Warden's: RS256 from the Better Auth JWKS (keys cached by PyJWKClient), issuer, audience, 30 s leeway.
Run by bench/me-peers.sh with Debian's python3-fastapi, python3-uvicorn and python3-jwt:
    BETTER_AUTH_URL=... BETTER_AUTH_JWKS_URL=... JWT_AUDIENCE=... \
    /usr/bin/python3 -m uvicorn --app-dir bench/peers fastapi_me:app --host 127.0.0.1 --port 18560 --workers 2 \
        --loop uvloop --http httptools
"""
import os

import jwt
from fastapi import Depends, FastAPI, Header, HTTPException

ISSUER = os.environ["BETTER_AUTH_URL"]
AUDIENCE = os.environ["JWT_AUDIENCE"]
jwks = jwt.PyJWKClient(os.environ["BETTER_AUTH_JWKS_URL"], cache_keys=True)
app = FastAPI()


async def claims(authorization: str = Header(default="")) -> dict:
    if not authorization.startswith("Bearer "):
        raise HTTPException(status_code=401, detail="Missing bearer token")
    token = authorization[len("Bearer "):]
    try:
        key = jwks.get_signing_key_from_jwt(token).key
        return jwt.decode(token, key, algorithms=["RS256"], audience=AUDIENCE, issuer=ISSUER, leeway=30,
                          options={"require": ["exp", "sub"]})
    except jwt.PyJWTError as error:
        raise HTTPException(status_code=401, detail=f"Invalid token: {error}")


@app.get("/api/v1/me")
async def me(token: dict = Depends(claims)) -> dict:
    return {"user_id": token["sub"], "email": token.get("email"), "name": token.get("name")}
