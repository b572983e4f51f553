"""The Redis cache, failing open: when Redis does not answer, a read is a miss and a write is dropped (and logged).

The cache holds only what can be lost (rate-limit counters, roster progress): a parent's consent or a public
application must not answer 500 because Redis is down. django-ratelimit then counts nothing (``RATELIMIT_FAIL_OPEN``
lets the request through); the password-reset throttle starts a new window.
"""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _unavailable(operation: str, error: Exception) -> None:
    logger.warning("cache.unavailable operation=%s error=%s", operation, error)


class FailOpenRedisCache(RedisCache):
    def add(self, *args, **kwargs):
        try:
            return super().add(*args, **kwargs)
        except RedisError as error:
            _unavailable("add", error)
            return False

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as error:
            _unavailable("get", error)
            return default

    def set(self, *args, **kwargs):
        try:
            return super().set(*args, **kwargs)
        except RedisError as error:
            _unavailable("set", error)

    def delete(self, *args, **kwargs):
        try:
            return super().delete(*args, **kwargs)
        except RedisError as error:
            _unavailable("delete", error)
            return False

    def incr(self, key, delta=1, version=None):
        # As for a missing key: both django-ratelimit and the password-reset throttle treat it as "no count".
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            _unavailable("incr", error)
            raise ValueError("The cache is unavailable.") from error

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except RedisError as error:
            _unavailable("get_many", error)
            return {}

    def set_many(self, *args, **kwargs):
        try:
            return super().set_many(*args, **kwargs)
        except RedisError as error:
            _unavailable("set_many", error)
            return []
